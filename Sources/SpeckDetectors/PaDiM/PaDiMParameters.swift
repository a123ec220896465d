/// PaDiM's options (`key=value` on the command line), with the paper's defaults
/// except the channels: all of them (see `channels`).
public struct PaDiMParameters: Sendable, Equatable {
    public static let keys = ["channels", "taps", "seed", "regularisation", "sigma", "score"]

    /// Size of the random channel subset (capped at the taps' total); nil, the
    /// default (`channels=all`), keeps every channel. The paper's random subset saves
    /// time on backbones ten times wider; on EfficientNet-Lite0's 152 channels it
    /// saves little and makes the result hang on the seed (image AUROC ±0.05 on metal_plate).
    public var channels: Int?
    public var taps: String?
    /// Seeds the channel subset.
    public var seed: UInt64
    /// Added to the covariance diagonal so it stays invertible.
    public var regularisation: Double
    public var blurSigma: Float
    /// The image score: the map's maximum (default) or `topk:K`.
    public var imageScore: ImageScoreRule
    /// Every value used, defaults included, for the model file (the detector adds the resolved taps).
    public var recorded: [String: String]

    public init(_ values: [String: String]) throws {
        let reader = ParameterReader(detector: "padim", values: values)
        try reader.rejectUnknown(known: Self.keys)
        if values["channels"] ?? "all" == "all" {
            channels = nil
            reader.record("channels", "all")
        } else {
            channels = try reader.int("channels", default: 100, in: 1...10_000)
        }
        taps = values["taps"]
        seed = UInt64(try reader.int("seed", default: 0, in: 0...Int(Int32.max)))
        regularisation = try reader.double("regularisation", default: 0.01, in: 1e-9...1e6)
        blurSigma = Float(try reader.double("sigma", default: 4, in: 0.1...64))
        imageScore = try reader.imageScore(default: .max)
        recorded = reader.recorded
    }
}
