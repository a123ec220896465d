import Foundation
import SpeckLearning
import SpeckTensor

/// Deep SVDD training (Ruff et al., sec. 3), once per head on the same scaled
/// inputs: fix c from an initial forward pass, then minimise the objective
/// with Adam on mini-batches seeded by the head's seed, reporting the loss and
/// stopping within a batch when cancelled. With several heads each is then
/// scaled by its mean training distance.
struct SVDDTrainer {
    let parameters: DeepSVDDParameters

    /// `networks[h]` is head h, initialised from `parameters.seed(ofHead: h)`.
    func train(_ networks: [any SVDDNetwork], on raw: PatchMatrix, spatial: Int, context: FitContext) throws -> SVDDModel {
        let scaling = InputScaling(fitting: raw, spatial: spatial)
        let rows = scaling.apply(raw)
        let batchSize = min(parameters.batchSize, rows.rows)
        let batchesPerHead = trainingLoop(BatchSampler(count: rows.rows, batchSize: batchSize, seed: 0)).totalSteps
        // The heads are independent: they train side by side, one per core (each
        // single-threaded, as one network's small products run best), and each
        // gives the same weights whichever core it ran on.
        let progress = HeadsProgress(total: networks.count * batchesPerHead, context: context)
        let heads = SlotArray<Result<SVDDHead, Error>>(count: networks.count)
        let boxed = networks.map { UncheckedNetwork(network: $0) }, count = networks.count
        ParallelWork.forEach(count, workers: Self.workers) { index in
            heads[index] = Result {
                try trainHead(boxed[index].network, index: index, of: count, on: rows, batchSize: batchSize,
                              context: context, progress: progress)
            }
        }
        return SVDDModel(scaling: scaling, heads: try heads.values.map { try $0!.get() }, objective: parameters.objective)
    }

    /// Each head's training: `steps` updates, or whole `epochs` when it is 0.
    private func trainingLoop(_ sampler: BatchSampler) -> TrainingLoop {
        TrainingLoop(steps: parameters.steps, orEpochs: parameters.epochs, sampler: sampler, averageTail: parameters.averageTail)
    }

    /// Threads training heads at once: this machine's two cores, as `TrainingPass` uses.
    private static let workers = 2

    private func trainHead(_ network: any SVDDNetwork, index: Int, of count: Int, on rows: PatchMatrix, batchSize: Int,
                           context: FitContext, progress: HeadsProgress) throws -> SVDDHead {
        let centre = SVDDObjective.centre(meanOutput: Self.columnMeans(network.embedAll(rows), width: network.outputs))
        let centreTensor = Variable(Tensor(shape: [1, centre.count], data: centre))
        try context.checkCancelled()

        let objective = parameters.objective
        let optimiser = Adam(learningRate: parameters.learningRate, weightDecay: parameters.weightDecay)
        let sampler = BatchSampler(count: rows.rows, batchSize: batchSize, seed: parameters.seed(ofHead: index))
        var radiusSquared: Float = 0
        var epochDistances: [Float] = []
        var currentEpoch = 0
        let loop = trainingLoop(sampler)
        let label = count > 1 ? "network \(index + 1) of \(count)" : nil
        try loop.run(optimisers: [optimiser], averaged: network.parameters, checkCancelled: context.checkCancelled, progress: {
            progress.batchDone($0, label: label)
        }) { indices, epoch in
            if epoch != currentEpoch {
                // The paper moves R to the (1 − ν) quantile once per epoch, from that epoch's distances.
                radiusSquared = objective.radiusSquared(from: epochDistances) ?? radiusSquared
                epochDistances.removeAll(keepingCapacity: true)
                currentEpoch = epoch
            }
            let distances = (network.embed(Variable(rows.batch(indices))) - centreTensor).squared().sum(axes: [1])
            if case .softBoundary = objective { epochDistances += distances.value.data }
            let loss = objective.loss(distances, radiusSquared: radiusSquared)
            optimiser.step(loss.backward())
            return loss.scalar
        }
        radiusSquared = objective.radiusSquared(from: epochDistances) ?? radiusSquared
        return SVDDHead(network: network, centre: centre, radiusSquared: radiusSquared,
                        scale: count == 1 ? 1 : try Self.meanDistance(network, rows: rows, centre: centre, epochs: loop.epochs, context: context))
    }

    /// The mean squared distance to c over the training rows: the head's scale.
    static func meanDistance(_ network: any SVDDNetwork, rows: PatchMatrix, centre: [Float], epochs: Int, context: FitContext) throws -> Float {
        try context.checkCancelled()
        let distances = SVDDModel.squaredDistances(network.embedAll(rows), to: centre)
        let mean = Float(distances.reduce(0.0) { $0 + Double($1) } / Double(max(distances.count, 1)))
        guard mean.isFinite, mean > 0 else { throw TrainingError.diverged(epoch: epochs, loss: mean) }
        return mean
    }

    static func columnMeans(_ values: [Float], width: Int) -> [Double] {
        var sums = [Double](repeating: 0, count: width)
        let rows = values.count / width
        for r in 0..<rows { for j in 0..<width { sums[j] += Double(values[r * width + j]) } }
        return sums.map { $0 / Double(max(rows, 1)) }
    }
}

/// Batches done over all heads training at once, for one progress bar.
private final class HeadsProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    let total: Int
    let context: FitContext

    init(total: Int, context: FitContext) {
        self.total = total
        self.context = context
    }

    func batchDone(_ progress: TrainingProgress, label: String?) {
        let done = lock.withLock { self.done += 1; return self.done }
        context.reportTraining(progress, done: done, total: total, label: label)
    }
}

/// A network handed to the thread that trains it, and to no other.
private struct UncheckedNetwork: @unchecked Sendable {
    let network: any SVDDNetwork
}
