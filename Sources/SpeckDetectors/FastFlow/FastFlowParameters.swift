/// FastFlow's options (`--param key=value`), validated. The flow follows
/// anomalib's FastFlow: 8 blocks alternating 3x3 and 1x1 convolutional
/// subnets, hidden width = ratio 1.0 × the coupling's input channels, scales
/// soft-clamped at 2, Adam lr 1e-3 with weight decay 1e-5. Chosen on bottle
/// for every dataset: 10 epochs of batches of 8 (20 epochs of 16 gave the
/// same figures in about three times as long); the `density` map, which beat
/// anomalib's `probability` on AUPRO and the raw `likelihood` on both pixel figures.
public struct FastFlowParameters: Sendable, Equatable {
    /// Every value the reader settled on, defaults included: what the model file records.
    public var recorded: [String: String] = [:]
    public static let keys = ["epochs", "lr", "decay", "batch", "blocks", "clamp", "hidden", "seed", "taps", "sigma", "map", "score", "memory_mb", "average", "heads"]

    /// What each level's map shows per position (higher = more anomalous).
    public enum MapKind: String, Sendable, CaseIterable {
        /// −exp(log p(x) / C + ½ log 2π): the flow's whole likelihood per
        /// dimension, bounded above by 0, so that one level's extreme
        /// anomalies cannot swamp the average over levels.
        case density
        /// −log p(x) / C, unbounded.
        case likelihood
        /// anomalib's −exp(−½ · mean of z²): without the log-determinant.
        case probability
    }

    public var epochs: Int
    public var learningRate: Float
    public var weightDecay: Float
    /// Images per training step.
    public var batchSize: Int
    /// Coupling blocks per level (ActNorm, affine coupling, permutation).
    public var blocks: Int
    public var clamp: Float
    /// A subnet's hidden channels as a multiple of its input channels.
    public var hiddenRatio: Float
    public var seed: UInt64
    /// Backbone taps, one flow each ("blocks.1,blocks.2,blocks.4"); nil: the default below.
    public var taps: String?
    /// Gaussian smoothing of the final map in output pixels; 0 turns it off.
    public var sigma: Float
    public var map: MapKind
    /// The image score from the finished map: `max` or `topk:K` over its 8 px cells (`MapCells`).
    public var imageScore: ImageScoreRule

    /// EfficientNet-Lite0's strides 4, 8 and 16, like anomalib's ResNet18 levels.
    public static let defaultTaps = "blocks.1,blocks.2,blocks.4"

    /// Memory the fit may hold for training features (`memory_mb`); over it, a seeded sample of the images.
    public var memoryBudgetBytes: Int
    /// Flows trained from different seeds on the same features (`heads`); the map is their mean.
    /// One flow's image score hangs on its seed (screw 0.737±0.030 over 5 seeds); the mean
    /// map of three does not (0.746±0.018; README, "Stability"), for 3x the training.
    public var heads: Int
    public static let defaultHeads = 3
    /// The share of the last training steps whose weights are averaged into the model (`average`, `TailAverage`).
    public var averageTail: Float

    public init(_ values: [String: String] = [:]) throws {
        let reader = ParameterReader(detector: FastFlowDetector.kind, values: values)
        try reader.rejectUnknown(known: Self.keys)
        epochs = try reader.int("epochs", default: 10, in: 1...10_000)
        learningRate = Float(try reader.double("lr", default: 1e-3, in: 1e-7...1))
        weightDecay = Float(try reader.double("decay", default: 1e-5, in: 0...1))
        batchSize = try reader.int("batch", default: 8, in: 1...1024)
        blocks = try reader.int("blocks", default: 8, in: 1...64)
        clamp = Float(try reader.double("clamp", default: 2, in: 0.1...20))
        hiddenRatio = Float(try reader.double("hidden", default: 1, in: 0.05...8))
        seed = UInt64(try reader.int("seed", default: 0, in: 0...Int(Int32.max)))
        taps = values["taps"]
        sigma = Float(try reader.double("sigma", default: 4, in: 0...64))
        map = MapKind(rawValue: try reader.choice("map", default: MapKind.density.rawValue,
                                                  among: MapKind.allCases.map(\.rawValue)))!
        imageScore = try reader.imageScore(default: MapCells.defaultScore)
        memoryBudgetBytes = try reader.memoryBudgetBytes()
        averageTail = try reader.averageTail()
        heads = try reader.int("heads", default: Self.defaultHeads, in: 1...64)
        recorded = reader.recorded
    }
}
