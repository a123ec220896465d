/// PatchCore's options (`key=value` on the command line), with the paper's defaults.
public struct PatchCoreParameters: Sendable, Equatable {
    public static let keys = ["coreset", "neighbours", "taps", "memory_mb", "seed", "projection", "sigma", "coreset_method",
                              "coreset_cell", "score"]

    /// Fraction of all training patches kept in the memory bank.
    public var coresetFraction: Double
    /// Neighbours used by the paper's image-score reweighting (1 = plain max).
    public var neighbours: Int
    /// Backbone taps, finest first; nil = the backbone's defaults.
    public var taps: String?
    /// Cap on what the fit holds: the training patches kept, the coreset selection's working memory and
    /// the memory bank. Patches beyond it are thinned as they stream in (`BoundedPatchSet`).
    public var memoryCapBytes: Int
    /// Seeds the coreset's random start (and projection).
    public var seed: UInt64
    /// Dimensions of the sparse random projection used only while selecting
    /// the coreset; 0 = select on the raw features (the reference's choice).
    public var projectionDims: Int
    public var blurSigma: Float
    /// How the coreset is chosen: `fast` (bounded cost, both cores) or `exact` greedy.
    public var coresetMethod: CoresetMethod
    /// Rows per cell of the fast selection; 0 = chosen from its work budget.
    public var coresetCellRows: Int
    /// The image score: the mean of the 20 highest patch scores (default), the paper's
    /// reweighted maximum, `max` or `topk:K`. The paper's score rests on one patch and the
    /// few bank patches near it, so it moves with the coreset's random start (screw ±0.022
    /// over seeds); a mean over ~1% of a 384 px image's 2304 patches is steadier (±0.003)
    /// and a defect that covers several patches still dominates it.
    public var imageScore: ImageScoreRule
    /// Every value used, defaults included, for the model file (the detector adds the resolved taps).
    public var recorded: [String: String]

    public init(_ values: [String: String]) throws {
        let reader = ParameterReader(detector: "patchcore", values: values)
        try reader.rejectUnknown(known: Self.keys)
        coresetFraction = try reader.double("coreset", default: 0.1, in: 1e-6...1)
        neighbours = try reader.int("neighbours", default: 9, in: 1...1000)
        taps = values["taps"]
        memoryCapBytes = try reader.memoryBudgetBytes()
        seed = UInt64(try reader.int("seed", default: 0, in: 0...Int(Int32.max)))
        projectionDims = try reader.int("projection", default: 0, in: 0...4096)
        blurSigma = Float(try reader.double("sigma", default: 4, in: 0.1...64))
        coresetMethod = CoresetMethod(rawValue: try reader.choice("coreset_method", default: CoresetMethod.fast.rawValue,
                                                                  among: CoresetMethod.allCases.map(\.rawValue)))!
        coresetCellRows = try reader.int("coreset_cell", default: 0, in: 0...100_000_000)
        imageScore = try reader.imageScore(default: .topK(20), own: .reweighted)
        recorded = reader.recorded
    }
}
