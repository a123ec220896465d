/// SPADE's options (`key=value` on the command line), with the paper's defaults.
public struct SPADEParameters: Sendable, Equatable {
    public static let keys = ["images", "taps", "image_tap", "sigma", "score", "memory_mb"]

    /// K: nearest training images, by pooled deep features, used for the image score
    /// and as the pixel-level gallery.
    public var nearestImages: Int
    /// Taps whose maps form the pixel-level feature pyramid; nil = the backbone's defaults.
    public var taps: String?
    /// The deep tap whose global average is the image-level feature; nil = the backbone's deepest.
    public var imageTap: String?
    public var blurSigma: Float
    /// Cap on the gallery (every training image's features, the model itself): a larger set is refused.
    public var memoryCapBytes: Int
    /// The image score: the mean distance to the nearest images (the paper's, default), `max` or `topk:K`.
    public var imageScore: ImageScoreRule
    /// Every value used, defaults included, for the model file (the detector adds the resolved taps).
    public var recorded: [String: String]

    public init(_ values: [String: String]) throws {
        let reader = ParameterReader(detector: "spade", values: values)
        try reader.rejectUnknown(known: Self.keys)
        nearestImages = try reader.int("images", default: 50, in: 1...100_000)
        taps = values["taps"]
        imageTap = values["image_tap"]
        blurSigma = Float(try reader.double("sigma", default: 4, in: 0.1...64))
        memoryCapBytes = try reader.memoryBudgetBytes(defaultMB: 2048)
        imageScore = try reader.imageScore(default: .nearestImages, own: .nearestImages)
        recorded = reader.recorded
    }
}
