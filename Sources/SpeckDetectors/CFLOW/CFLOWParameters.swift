/// CFLOW-AD's options (`key=value` on the command line). The defaults are the
/// paper's architecture (8 coupling blocks, clamp 1.9, 128-wide positional
/// condition, subnets twice as wide as their input); epochs, batch and
/// learning rate are chosen to fit in minutes on two cores (README).
public struct CFLOWParameters: Sendable, Equatable {
    /// Every value the reader settled on, defaults included: what the model file records.
    public var recorded: [String: String] = [:]
    public static let keys = ["taps", "epochs", "lr", "blocks", "clamp", "condition", "hidden", "batch",
                              "seed", "sigma", "score", "memory_mb", "average"]

    public var taps: String?
    public var epochs: Int
    public var learningRate: Float
    /// Coupling blocks per level.
    public var blocks: Int
    /// Soft clamp of the coupling scales: exp(s) stays within e^±clamp.
    public var clamp: Float
    /// Width of the 2D sinusoidal positional encoding every coupling is conditioned on.
    public var conditionWidth: Int
    /// Subnet hidden width as a multiple of its input width.
    public var hiddenRatio: Float
    /// Patch vectors ("fibers") per training step.
    public var batchSize: Int
    public var seed: UInt64
    public var blurSigma: Float
    /// The image score from the finished map: `max` (default) or `topk:K` over its 8 px cells
    /// (`MapCells`). CFLOW-AD's maximum is already steady over seeds (screw ±0.020 over 5), and
    /// `topk:10` cost it mean AUROC on screw (0.796±0.016 against 0.840 over 3 seeds): its map,
    /// a sum of probabilities that saturate, keeps a small defect in its hottest pixels.
    public var imageScore: ImageScoreRule

    /// One level per tap: PatchCore's stages (strides 8 and 16) and the next deeper one (stride 32).
    public static let defaultTaps = "blocks.2,blocks.4,blocks.5"

    /// Memory the fit may hold for training features (`memory_mb`); over it, a seeded sample of the images.
    public var memoryBudgetBytes: Int
    /// The share of the last training steps whose weights are averaged into the model (`average`, `TailAverage`).
    public var averageTail: Float

    public init(_ values: [String: String]) throws {
        let reader = ParameterReader(detector: "cflow", values: values)
        try reader.rejectUnknown(known: Self.keys)
        taps = values["taps"] ?? Self.defaultTaps
        epochs = try reader.int("epochs", default: 4, in: 1...10_000)
        learningRate = Float(try reader.double("lr", default: 1e-3, in: 1e-8...1))
        blocks = try reader.int("blocks", default: 8, in: 1...64)
        clamp = Float(try reader.double("clamp", default: 1.9, in: 0.1...20))
        conditionWidth = try reader.int("condition", default: 128, in: 4...1024)
        if conditionWidth % 4 != 0 {
            throw DetectorError.invalidParameter("cflow condition=\(conditionWidth): expected a multiple of 4")
        }
        hiddenRatio = Float(try reader.double("hidden", default: 2, in: 0.05...16))
        batchSize = try reader.int("batch", default: 512, in: 2...1_000_000)
        seed = UInt64(try reader.int("seed", default: 0, in: 0...Int(Int32.max)))
        blurSigma = Float(try reader.double("sigma", default: 4, in: 0.1...64))
        imageScore = try reader.imageScore(default: .max)
        memoryBudgetBytes = try reader.memoryBudgetBytes()
        averageTail = try reader.averageTail()
        recorded = reader.recorded
    }
}
