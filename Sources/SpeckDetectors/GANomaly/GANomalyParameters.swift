import SpeckLearning

/// GANomaly's options (`--param key=value`), validated. The defaults follow
/// the paper (Adam lr 2e-4, β1 0.5; loss weights 1, 50, 1; latent 100; DCGAN
/// width 64). Epochs: 45, not the paper's 15: on bottle 15 epochs (90 steps)
/// gave image AUROC 0.644, 45 gave 0.883, still within a CPU fit's budget.
public struct GANomalyParameters: Sendable, Equatable {
    /// Every value the reader settled on, defaults included: what the model file records.
    public var recorded: [String: String] = [:]
    public static let names = ["epochs", "lr", "batch", "seed", "size", "latent", "width", "score", "sigma", "average", "steps", "snapshots", "batchnorm", "heads"]

    /// What the image score is made of: the paper's latent distance, the
    /// reconstruction error, or both after each is min–max normalised.
    public enum ScoreKind: String, Sendable, CaseIterable {
        case latent, reconstruction, both
    }

    public var epochs = 45
    public var learningRate: Float = 2e-4
    public var batchSize = 32
    public var seed: UInt64 = 0
    /// Side of the square the networks see: 64 or 128.
    public var size = 64
    public var latent = 100
    /// Channels of the first encoder layer (DCGAN's ndf/ngf).
    public var width = 64
    public var score = ScoreKind.latent
    /// Gaussian smoothing of the reconstruction-error map, in output pixels.
    public var sigma: Float = 4
    /// At least this many updates (`steps`): a set too small for it runs more epochs. The 45
    /// epochs were chosen on bottle, where they make 270 updates; on the 41 images of
    /// metal_plate they made 45, too few to learn anything steady (image AUROC 0.541±0.226).
    public var minimumSteps = 270
    /// How many points of the run's last half score an image (`snapshots`, `WeightSnapshots`): the
    /// final generator and the N − 1 copies before it. The latent score swings from step to step
    /// (bottle, seed 0, after 162, 189, 216, 243, 270 steps: image AUROC 0.940, 0.733, 0.863, 0.808,
    /// 0.821). Five steady metal_plate but not bottle or screw (README), so the default stays 1.
    public var snapshots = 1
    /// Where the scoring generators' batch-norm statistics come from (`batchnorm`): the running
    /// averages training left, or recomputed over the training images for the final weights
    /// (`BatchNormRecalibration`).
    public enum BatchNormStatistics: String, Sendable, CaseIterable {
        case running, recomputed
    }

    /// The generator's weights are averaged over the last half of the steps (`average`,
    /// `TailAverage`) and scored with batch-norm statistics recomputed for them (`batchnorm`).
    /// A GAN's weights oscillate to its last step: one run's latent score, after 60…100% of the
    /// steps, swings over 0.73–0.94 image AUROC on bottle, so the last step's figure hung on the
    /// seed (±0.117 over 5 seeds). The average is the middle of that swing; the running statistics
    /// describe none of the averaged weights, so they are recomputed (README: GANomaly).
    public var batchNorm = BatchNormStatistics.recomputed
    public var averageTail: Float = 0.5
    /// Runs from different seeds (`heads`, `EnsembleMembers`), each a whole GANomaly fit, whose
    /// normalised scores are averaged: what one run's seed decides (where its weights settle)
    /// averages out across runs, as it does for the flows' heads. Three by default: over 5 seeds one
    /// run's image AUROC spread ±0.029 on bottle and ±0.026 on metal_plate, three runs' ±0.010 and
    /// ±0.020 (README: GANomaly, "Several runs").
    public var heads = 3

    public init() {}

    public init(_ values: [String: String]) throws {
        let reader = ParameterReader(detector: GANomalyDetector.kind, values: values)
        try reader.rejectUnknown(known: Self.names)
        epochs = try reader.int("epochs", default: epochs, in: 1 ... 10_000)
        learningRate = Float(try reader.double("lr", default: Double(learningRate), in: 1e-7 ... 1))
        batchSize = try reader.int("batch", default: batchSize, in: 2 ... 1024)
        seed = UInt64(try reader.int("seed", default: 0, in: 0 ... Int.max))
        size = Int(try reader.choice("size", default: "\(size)", among: ["64", "128"]))!
        latent = try reader.int("latent", default: latent, in: 1 ... 4096)
        width = try reader.int("width", default: width, in: 2 ... 512)
        guard width % 2 == 0 else { throw DetectorError.invalidParameter("ganomaly width=\(width): must be even") }
        score = ScoreKind(rawValue: try reader.choice("score", default: score.rawValue,
                                                      among: ScoreKind.allCases.map(\.rawValue)))!
        sigma = Float(try reader.double("sigma", default: Double(sigma), in: 0.1 ... 64))
        averageTail = try reader.averageTail(default: averageTail)
        minimumSteps = try reader.int("steps", default: minimumSteps, in: 0 ... 1_000_000)
        snapshots = try reader.int("snapshots", default: snapshots, in: 1 ... 20)
        batchNorm = BatchNormStatistics(rawValue: try reader.choice("batchnorm", default: batchNorm.rawValue,
                                                                    among: BatchNormStatistics.allCases.map(\.rawValue)))!
        heads = try reader.int("heads", default: heads, in: 1 ... 16)
        recorded = reader.recorded
    }

    /// These parameters for run `head` of the ensemble: its own seed.
    public func forHead(_ head: Int) -> GANomalyParameters {
        var parameters = self
        parameters.seed = EnsembleMembers.seed(base: seed, member: head)
        return parameters
    }

    /// The epochs a set of `batchesPerEpoch` batches runs: `epochs`, or more to make `minimumSteps` updates.
    public func epochs(batchesPerEpoch: Int) -> Int {
        TrainingLoop.epochs(epochs, makingAtLeast: minimumSteps, batchesPerEpoch: batchesPerEpoch)
    }

    /// The steps after which the generators before the final one are copied: the first
    /// `snapshots` − 1 of `snapshots` points evenly spaced over the last half of `totalSteps`.
    public func snapshotSteps(totalSteps: Int) -> [Int] {
        Array(WeightSnapshots.lastHalf(count: snapshots, total: totalSteps).filter { $0 < totalSteps }.suffix(snapshots - 1))
    }

    /// A model file written before `steps` existed ran its epochs alone: it records 0;
    /// one written before `snapshots` scored with its final generator alone: 1; one written
    /// before `batchnorm` kept the running statistics: running; one before `heads`: one run.
    public static func upgrading(_ parameters: [String: String]) -> [String: String] {
        [("steps", "0"), ("snapshots", "1"), ("batchnorm", "running"), ("heads", "1")].reduce(parameters) {
            ParameterUpgrade.filling($1.0, with: $1.1, in: $0)
        }
    }
}
