/// Deep SVDD's options (`key=value` on the command line). Defaults are the
/// same for every dataset; where the paper's choice did not suit patch
/// features (learning rate, epochs) README says what was tried.
public struct DeepSVDDParameters: Sendable, Equatable {
    /// Every value the reader settled on, defaults included: what the model file records.
    public var recorded: [String: String] = [:]
    public static let keys = ["input", "variant", "nu", "epochs", "lr", "batch", "seed", "dims", "hidden",
                              "decay", "heads", "score", "taps", "sigma", "side", "memory_mb", "average", "steps"]

    public enum Input: String, Sendable, CaseIterable {
        /// Patch vectors of the pretrained backbone: an anomaly map and a score.
        case features
        /// The paper's form: a small CNN on the image, a score only.
        case pixels
    }

    public var input: Input
    public var objective: SVDDObjective
    /// Passes over the inputs, when `steps` is 0.
    public var epochs: Int
    /// The updates each network makes (0: whole `epochs`). A count of updates, not of
    /// epochs, because how far Adam moves a network from its random start is set by its
    /// steps: the 10 epochs of before were 310 updates on metal_plate and 2,450 on screw,
    /// where the one-class pull had long gone past its best map and score (README, Deep SVDD).
    public var steps: Int
    public var learningRate: Float
    public var batchSize: Int
    public var seed: UInt64
    /// Size of the output space, where the centre c lives.
    public var dims: Int
    /// Width of the patch network's hidden layer (features only).
    public var hidden: Int
    /// L2 weight decay, as the paper's Adam uses.
    public var weightDecay: Float
    /// Networks trained from different seeds on the same inputs; a patch's score is
    /// the mean of their distances, each divided by its mean training distance.
    /// One network's score hangs on its random start; the mean of 32 moves by 0.02
    /// over 5 seeds on screw (README, "Stability").
    public var heads: Int
    /// Image score from the patch scores: `max` of the map or `topk:K`, the mean
    /// of the K highest patch scores (features only).
    public var imageScore: ImageScoreRule
    public var taps: String?
    public var blurSigma: Float
    /// Side of the square the pixel network sees (a multiple of 8).
    public var side: Int

    /// The defaults of the patch form, chosen for all three shared sets together (README).
    public static let defaultHeads = 32
    public static let defaultSteps = 400
    public static let defaultImageScore = MapCells.defaultScore

    /// The parameters of a model file written before `heads` and `score` existed: it
    /// holds one network and records `topk=1`, the map's maximum (no other value was
    /// ever a default), and must reload to the scores it gave.
    public static func upgrading(_ values: [String: String]) throws -> [String: String] {
        var values = values
        if let old = values.removeValue(forKey: "topk"), old != "1" {
            throw DetectorError.incompatibleModel(
                "deepsvdd topk=\(old) (the mean of the highest map values) is no longer offered: fit the model again")
        }
        // Before `steps` every network trained for its whole epochs.
        return ParameterUpgrade.filling("steps", with: "0",
                                        in: TrainedWeights.upgrading(MapCells.upgrading(EnsembleMembers.upgrading(values))))
    }

    /// Memory the fit may hold for training features (`memory_mb`); over it, a seeded sample of the images.
    public var memoryBudgetBytes: Int
    /// The share of the last training steps whose weights are averaged into the model (`average`, `TailAverage`).
    public var averageTail: Float

    public init(_ values: [String: String]) throws {
        let reader = ParameterReader(detector: "deepsvdd", values: values)
        try reader.rejectUnknown(known: Self.keys)
        input = Input(rawValue: try reader.choice("input", default: "features", among: Input.allCases.map(\.rawValue)))!
        let variant = try reader.choice("variant", default: "one-class", among: ["one-class", "soft-boundary"])
        let nu = Float(try reader.double("nu", default: 0.1, in: 1e-4...1))
        objective = variant == "one-class" ? .oneClass : .softBoundary(nu: nu)
        let pixels = input == .pixels
        epochs = try reader.int("epochs", default: pixels ? 60 : 10, in: 1...10_000)
        // Epochs given without steps mean epochs: the steps default applies to the patch form alone.
        steps = try reader.int("steps", default: pixels || values["epochs"] != nil ? 0 : Self.defaultSteps, in: 0...10_000_000)
        learningRate = Float(try reader.double("lr", default: pixels ? 1e-4 : 1e-3, in: 1e-8...1))
        batchSize = try reader.int("batch", default: pixels ? 32 : 1024, in: 1...1_000_000)
        seed = UInt64(try reader.int("seed", default: 0, in: 0...Int(Int32.max)))
        dims = try reader.int("dims", default: pixels ? 64 : 32, in: 1...4096)
        hidden = try reader.int("hidden", default: 256, in: 1...8192)
        weightDecay = Float(try reader.double("decay", default: 1e-6, in: 0...1))
        heads = try reader.int("heads", default: pixels ? 1 : Self.defaultHeads, in: 1...64)
        imageScore = try reader.imageScore(default: pixels ? .max : Self.defaultImageScore)
        taps = values["taps"]
        blurSigma = Float(try reader.double("sigma", default: 4, in: 0.1...64))
        side = try reader.int("side", default: 64, in: 8...512)
        if side % 8 != 0 { throw DetectorError.invalidParameter("deepsvdd side=\(side): expected a multiple of 8") }
        memoryBudgetBytes = try reader.memoryBudgetBytes()
        averageTail = try reader.averageTail()
        recorded = reader.recorded
    }

    /// The seed of network `head` (`EnsembleMembers`).
    public func seed(ofHead head: Int) -> UInt64 { EnsembleMembers.seed(base: seed, member: head) }
}
