import Foundation
import SpeckImaging
import SpeckLearning
import SpeckTensor

/// GANomaly (Akcay et al., ACCV 2018): a generator (encoder → decoder →
/// encoder) and a discriminator trained adversarially on normal images only.
/// The generator kept is the mean of its weights over the run's last half,
/// with batch-norm statistics recomputed for it (`GANomalyParameters`).
/// The image score is the distance between the latent codes of the image and
/// of its reconstruction, ‖z − ẑ‖² (mean over the latent values), min–max
/// normalised on the training images, and averaged over the generators of
/// several points of the run's last half (`snapshots`) and of several runs
/// (`heads`). The map is the final generator's reconstruction error |x − x̂|
/// (mean over channels; over the runs' final generators), upsampled to the
/// preprocessed grid and smoothed: it shows where the reconstruction differs,
/// not what made the score.
public final class GANomalyDetector: Detector {
    public static let kind = "ganomaly"

    public let configuration: DetectorConfiguration
    public let parameters: GANomalyParameters
    private let mapFinishing: MapFinishing
    private let fitted = FittedState<Fitted>()

    /// The trained networks: per run (`heads`), the generators that score (the final one first),
    /// and the first run's discriminator (kept for the file; scoring does not use it).
    struct Fitted: @unchecked Sendable {
        // Only read after fitting: scoring from several threads is safe.
        var heads: [[Member]]
        var discriminator: GANomalyDiscriminator
        var members: [Member] { heads.flatMap { $0 } }
    }

    /// One scoring generator and its training images' score ranges, for the min–max normalisation.
    struct Member {
        var generator: GANomalyGenerator
        var latentRange: ClosedRange<Float>
        var reconstructionRange: ClosedRange<Float>
    }

    /// What the tensor and range names of run `head`'s generator `index` start with: "" for the first run's
    /// final generator, "snapshotK." for its others, and "headH." before those of the other runs.
    static func memberPrefix(head: Int, index: Int) -> String {
        EnsembleMembers.prefix(head) + (index == 0 ? "" : "snapshot\(index).")
    }

    public init(configuration: DetectorConfiguration) throws {
        try configuration.preprocessing.validate()
        parameters = try GANomalyParameters(configuration.parameters)
        mapFinishing = MapFinishing(sigma: parameters.sigma)
        // The model file records every value used, defaults included.
        var configuration = configuration
        configuration.parameters = configuration.parameters.merging(parameters.recorded) { $1 }
        self.configuration = configuration
    }

    public func fit(_ images: TrainingImages, context: FitContext) throws {
        let samples = try TrainingPass.map(images, context: context, stage: "preparing images") { [self] image in
            networkInput(configuration.preprocessing.apply(to: image))
        }
        var heads: [[Member]] = [], discriminator: GANomalyDiscriminator?
        for head in 0 ..< parameters.heads {
            let run = try train(on: samples, head: head, context: context)
            discriminator = discriminator ?? run.discriminator
            heads.append(try run.generators.enumerated().map { index, generator in
                try member(generator, scoring: samples, context: context, progress: (index, run.generators.count))
            })
        }
        fitted.set(Fitted(heads: heads, discriminator: discriminator!))
    }

    /// One GANomaly run (`head` of `heads`, with its own seed): the generators that score, the final one
    /// first, and the discriminator. Head 0 is the run a detector without heads makes, bit for bit.
    private func train(on samples: [Tensor], head: Int, context: FitContext)
        throws -> (generators: [GANomalyGenerator], discriminator: GANomalyDiscriminator) {
        let parameters = parameters.forHead(head)
        // Each training step splits its batch over the cores (`DataParallel`'s default).
        let trainer = GANomalyTrainer(parameters: parameters)
        let loader = DataLoader(count: samples.count, batchSize: parameters.batchSize, seed: parameters.seed,
                                dropLast: true) { samples[$0] }
        let run = parameters.heads > 1 ? " run \(head + 1) of \(parameters.heads)" : ""
        let stage = "training GANomaly" + run
        var epochLosses = GANomalyLosses.zero, stepsInEpoch = 0, currentEpoch = -1, resets = 0
        let started = Date()
        let epochs = parameters.epochs(batchesPerEpoch: loader.sampler.batchCount)
        let loop = TrainingLoop(epochs: epochs, sampler: loader.sampler, averageTail: parameters.averageTail)
        let weights = trainer.generator.parameters + trainer.generator.buffers
        let snapshots = WeightSnapshots(weights, steps: parameters.snapshotSteps(totalSteps: loop.totalSteps))
        try loop.run(
            optimisers: [], averaged: weights, snapshots: snapshots,
            checkCancelled: context.checkCancelled,
            progress: { progress in
                context.report(stage, done: progress.batchesDone, total: progress.batchesTotal,
                               detail: "epoch \(progress.epoch + 1)/\(progress.epochs) · " + epochLosses.summary(over: stepsInEpoch))
            },
            step: { indices, epoch in
                if epoch != currentEpoch { (epochLosses, stepsInEpoch, currentEpoch) = (.zero, 0, epoch) }
                let losses = try trainer.step(try loader.batch(indices, epoch: epoch), checkCancelled: context.checkCancelled)
                epochLosses = epochLosses + losses
                stepsInEpoch += 1
                if losses.discriminatorReset { resets += 1 }
                return losses.generator
            })
        let steps = loop.totalSteps
        let seconds = Date().timeIntervalSince(started)
        context.tell(String(format: "GANomaly%@: %d epochs, %d steps in %.0f s (%.0f ms/step); last epoch %@%@; scored by %@%@",
                            run, epochs, steps, seconds, 1000 * seconds / Double(max(steps, 1)),
                            epochLosses.summary(over: stepsInEpoch),
                            resets > 0 ? "; discriminator re-initialised \(resets) times" : "",
                            scoringGenerators(snapshotSteps: snapshots.steps, totalSteps: steps),
                            parameters.batchNorm == .recomputed ? " with batch-norm statistics recomputed on the training images" : ""))

        // Head 0's final generator keeps the trainer's names; every other is a copy under its own.
        var generators = [head == 0 ? trainer.generator
                                    : generator(named: Self.memberPrefix(head: head, index: 0), holding: weights.map(\.value))]
        for (index, copy) in snapshots.copies.enumerated() {
            generators.append(generator(named: Self.memberPrefix(head: head, index: index + 1), holding: copy))
        }
        if parameters.batchNorm == .recomputed {
            let batches = Self.batches(of: samples, size: parameters.batchSize)
            for generator in generators {
                try context.checkCancelled()
                BatchNormRecalibration.recalibrate(batches: batches) { _ = generator($0, training: true) }
            }
        }
        return (generators, trainer.discriminator)
    }

    /// A scoring generator with its training images' score ranges, for the min–max normalisation.
    /// `progress`: this generator's place among the run's, so the bar runs once over all of them.
    private func member(_ generator: GANomalyGenerator, scoring samples: [Tensor], context: FitContext,
                        progress: (index: Int, count: Int)) throws -> Member {
        var latent: [Float] = [], reconstruction: [Float] = []
        for start in stride(from: 0, to: samples.count, by: parameters.batchSize) {
            try context.checkCancelled()
            let batch = Array(samples[start ..< min(start + parameters.batchSize, samples.count)])
            let raw = Self.rawScores(of: batch, generator: generator)
            latent += raw.latent
            reconstruction += raw.reconstruction
            context.report("scoring training images", done: progress.index * samples.count + latent.count,
                           total: progress.count * samples.count)
        }
        return Member(generator: generator, latentRange: latent.min()! ... latent.max()!,
                      reconstructionRange: reconstruction.min()! ... reconstruction.max()!)
    }

    /// What the fit message says scores: the final generator (its weights averaged over the
    /// last steps, if so) and the snapshots' generators.
    private func scoringGenerators(snapshotSteps: [Int], totalSteps: Int) -> String {
        let first = TailAverage.firstStep(fraction: parameters.averageTail, total: totalSteps)
        let final = first < totalSteps - 1 ? "the generator averaged over steps \(first + 1)–\(totalSteps)" : "the final generator"
        guard !snapshotSteps.isEmpty else { return final }
        return final + " and the generators after steps " + snapshotSteps.map(String.init).joined(separator: ", ")
    }

    /// A generator of the configured shape whose tensor names start with `prefix` + "generator",
    /// its weights to be overwritten (by `values`, parameters then buffers, when given).
    private func generator(named prefix: String, holding values: [Tensor] = []) -> GANomalyGenerator {
        var rng = SeededGenerator(seed: 0)
        let generator = GANomalyGenerator(size: parameters.size, width: parameters.width, latent: parameters.latent,
                                          rng: &rng, name: prefix + "generator")
        for (tensor, value) in zip(generator.parameters + generator.buffers, values) { tensor.value = value }
        return generator
    }

    public func score(_ image: Image) throws -> AnomalyResult {
        let model = try fitted.get()
        let input = configuration.preprocessing.apply(to: image)
        let x = networkInput(input)
        let side = parameters.size, plane = side * side
        var latent: Float = 0, context: Float = 0, error = [Float](repeating: 0, count: plane)
        for run in model.heads {
            for (index, member) in run.enumerated() {
                let (reconstruction, z, zHat) = GradientMode.withoutGradients {
                    member.generator(Variable(x.reshaped([1] + x.shape)), training: false)
                }
                var memberError = [Float](repeating: 0, count: plane)
                for c in 0 ..< 3 {
                    for i in 0 ..< plane { memberError[i] += abs(x.data[c * plane + i] - reconstruction.value.data[c * plane + i]) / 3 }
                }
                latent += Self.normalise(Self.meanSquaredDifference(z.value.data, zHat.value.data), in: member.latentRange)
                context += Self.normalise(memberError.reduce(0, +) / Float(plane), in: member.reconstructionRange)
                // The map is the mean of the runs' final generators' errors.
                if index == 0 { for i in 0 ..< plane { error[i] += memberError[i] / Float(model.heads.count) } }
            }
        }
        let count = Float(model.members.count)
        let score: Float
        switch parameters.score {
        case .latent: score = latent / count
        case .reconstruction: score = context / count
        case .both: score = (latent + context) / (2 * count)
        }
        let map = mapFinishing.finish(error, height: side, width: side, toSide: input.width)
        return AnomalyResult(score: score, map: AnomalyMap(width: input.width, height: input.height, values: map))
    }

    /// The preprocessed image at the networks' size, scaled to [-1, 1] as Tanh outputs.
    private func networkInput(_ image: Image) -> Tensor {
        let side = parameters.size
        let small = image.width == side && image.height == side ? image : image.resized(width: side, height: side)
        return Tensor(shape: [3, side, side], data: small.pixels.map { $0 * 2 - 1 })
    }

    /// The samples stacked into nearly equal batches of at most `size` (no tiny last batch,
    /// whose training-mode statistics would stand apart).
    private static func batches(of samples: [Tensor], size: Int) -> [Tensor] {
        let count = (samples.count + size - 1) / size
        return (0 ..< count).map { i in
            let part = samples[i * samples.count / count ..< (i + 1) * samples.count / count]
            return Tensor(shape: [part.count] + samples[0].shape, data: part.flatMap(\.data))
        }
    }

    /// Latent distance and mean reconstruction error of each image of a batch, in evaluation mode.
    private static func rawScores(of batch: [Tensor], generator: GANomalyGenerator) -> (latent: [Float], reconstruction: [Float]) {
        let shape = batch[0].shape, size = batch[0].count
        let x = Tensor(shape: [batch.count] + shape, data: batch.flatMap(\.data))
        let (reconstruction, z, zHat) = GradientMode.withoutGradients { generator(Variable(x), training: false) }
        let latentSize = z.count / batch.count
        var latent: [Float] = [], context: [Float] = []
        for n in 0 ..< batch.count {
            latent.append(meanSquaredDifference(Array(z.value.data[n * latentSize ..< (n + 1) * latentSize]),
                                                Array(zHat.value.data[n * latentSize ..< (n + 1) * latentSize])))
            var sum: Float = 0
            for i in n * size ..< (n + 1) * size { sum += abs(x.data[i] - reconstruction.value.data[i]) }
            context.append(sum / Float(size))
        }
        return (latent, context)
    }

    private static func meanSquaredDifference(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Float(max(a.count, 1))
    }

    /// Min–max normalisation onto the training images' range (0 = least, 1 = most anomalous of them).
    private static func normalise(_ value: Float, in range: ClosedRange<Float>) -> Float {
        let span = range.upperBound - range.lowerBound
        return span > 0 ? (value - range.lowerBound) / span : value - range.lowerBound
    }

    public func exportState() throws -> DetectorState {
        let model = try fitted.get()
        var state = DetectorState()
        for (head, run) in model.heads.enumerated() {
            for (index, member) in run.enumerated() {
                let prefix = Self.memberPrefix(head: head, index: index)
                state.scalars[prefix + "latent.min"] = Double(member.latentRange.lowerBound)
                state.scalars[prefix + "latent.max"] = Double(member.latentRange.upperBound)
                state.scalars[prefix + "reconstruction.min"] = Double(member.reconstructionRange.lowerBound)
                state.scalars[prefix + "reconstruction.max"] = Double(member.reconstructionRange.upperBound)
            }
        }
        state.store(model.members.map(\.generator) + [model.discriminator])
        return state
    }

    public static func restore(configuration: DetectorConfiguration, state: DetectorState,
                               resources: DetectorResources) throws -> GANomalyDetector {
        var configuration = configuration
        configuration.parameters = GANomalyParameters.upgrading(TrainedWeights.upgrading(configuration.parameters))
        let detector = try GANomalyDetector(configuration: configuration)
        // Fresh networks of the configured shape; load() then checks every tensor by name.
        let trainer = GANomalyTrainer(parameters: detector.parameters)
        func range(_ name: String) throws -> ClosedRange<Float> {
            let low = Float(try state.scalar(name + ".min")), high = Float(try state.scalar(name + ".max"))
            guard low.isFinite, high.isFinite, low <= high else {
                throw DetectorError.incompatibleModel("ganomaly \(name) range \(low)...\(high) is not a range")
            }
            return low ... high
        }
        // A run keeps one generator per snapshot step it reached (fewer on a very short run).
        let snapshots = detector.parameters.snapshots
        let heads = try (0 ..< detector.parameters.heads).map { head in
            let count = (0 ..< snapshots).prefix { state.scalars[memberPrefix(head: head, index: $0) + "latent.min"] != nil }.count
            return try (0 ..< max(count, 1)).map { index in
                let prefix = memberPrefix(head: head, index: index)
                let generator = head == 0 && index == 0 ? trainer.generator : detector.generator(named: prefix)
                return Member(generator: generator, latentRange: try range(prefix + "latent"),
                              reconstructionRange: try range(prefix + "reconstruction"))
            }
        }
        let fitted = Fitted(heads: heads, discriminator: trainer.discriminator)
        try state.load(into: fitted.members.map(\.generator) + [trainer.discriminator])
        detector.fitted.set(fitted)
        return detector
    }
}
