/// DifferNet's options (`key=value` on the command line). One set of defaults
/// for every dataset; README says how they were chosen.
public struct DifferNetParameters: Sendable, Equatable {
    /// Every value the reader settled on, defaults included: what the model file records.
    public var recorded: [String: String] = [:]
    public static let keys = ["epochs", "lr", "blocks", "seed", "clamp", "hidden", "batch", "decay", "taps",
                              "rotations", "jitter", "noise", "score", "heads", "memory_mb", "average"]

    /// What an image's copies are scored by.
    public enum Score: String, Sendable, CaseIterable {
        /// The paper's: −log N(z; 0, I) per dimension, the latent density alone.
        case latent
        /// The full −log p(x) per dimension, with the flow's log-determinant.
        case nll
    }

    public var epochs: Int
    public var learningRate: Float
    /// Coupling blocks (each ActNorm, affine coupling, permutation).
    public var blocks: Int
    public var seed: UInt64
    /// Soft clamp on the coupling scales (the paper's α).
    public var clamp: Float
    /// Width of each coupling subnet's hidden layer.
    public var hidden: Int
    public var batchSize: Int
    /// L2 weight decay, as the paper's Adam uses.
    public var weightDecay: Float
    public var taps: String
    /// Copies of each image, turned by 360°/rotations steps (1, 2 or 4: quarter turns need no fill).
    public var rotations: Int
    /// Extra colour-jittered copies of each training image and rotation (brightness, contrast, saturation).
    public var jitter: Int
    /// Gaussian noise added to the training vectors, as a fraction of each dimension's standard deviation.
    public var noise: Float
    public var score: Score
    /// Flows trained from different seeds on the same vectors; an image's score is
    /// the mean of theirs (all in nats per dimension of the same data: one scale).
    /// One flow's score hangs on its seed (screw 0.890±0.044 over 5 seeds); the mean of
    /// three does not (0.894±0.018; README, "Stability"), for 3x the flow training.
    public var heads: Int
    public static let defaultHeads = 3

    /// Memory the fit may hold for training features (`memory_mb`); over it, a seeded sample of the images.
    public var memoryBudgetBytes: Int
    /// The share of the last training steps whose weights are averaged into the model (`average`, `TailAverage`).
    public var averageTail: Float

    public init(_ values: [String: String]) throws {
        let reader = ParameterReader(detector: "differnet", values: values)
        try reader.rejectUnknown(known: Self.keys)
        epochs = try reader.int("epochs", default: 20, in: 1...10_000)
        learningRate = Float(try reader.double("lr", default: 2e-4, in: 1e-8...1))
        blocks = try reader.int("blocks", default: 8, in: 1...64)
        seed = UInt64(try reader.int("seed", default: 0, in: 0...Int(Int32.max)))
        clamp = Float(try reader.double("clamp", default: 3, in: 0.1...20))
        hidden = try reader.int("hidden", default: 512, in: 1...8192)
        batchSize = try reader.int("batch", default: 64, in: 1...100_000)
        weightDecay = Float(try reader.double("decay", default: 1e-5, in: 0...1))
        taps = values["taps"] ?? "blocks.2,blocks.4,blocks.6"
        rotations = Int(try reader.choice("rotations", default: "4", among: ["1", "2", "4"]))!
        jitter = try reader.int("jitter", default: 2, in: 0...64)
        noise = Float(try reader.double("noise", default: 0.3, in: 0...10))
        heads = try reader.int("heads", default: Self.defaultHeads, in: 1...64)
        score = Score(rawValue: try reader.choice("score", default: "latent", among: Score.allCases.map(\.rawValue)))!
        memoryBudgetBytes = try reader.memoryBudgetBytes()
        averageTail = try reader.averageTail()
        recorded = reader.recorded
    }

    /// The quarter turns of an image's copies: 0, 1, 2, 3 for four rotations, 0, 2 for two.
    public var quarterTurns: [Int] { (0..<rotations).map { $0 * 4 / rotations } }
}
