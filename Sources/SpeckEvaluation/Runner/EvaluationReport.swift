import SpeckDetectors
import SpeckImaging

/// What `speck eval` reports: figures overall and per defect kind, plus what
/// was fitted, timed and skipped. Encodes to the JSON of `--json`.
public struct EvaluationReport: Sendable, Codable {
    public var dataset: String
    public var detector: String
    public var backbone: String?
    public var parameters: [String: String]
    public var resize: Int
    public var crop: Int?
    public var trainImages: Int
    public var testImages: Int
    public var overall: EvaluationFigures
    public var perKind: [String: EvaluationFigures]
    public var fitSeconds: Double
    /// Process CPU seconds during the fit (nil in reports written before it was measured).
    public var fitCPUSeconds: Double?
    public var scoreMillisecondsPerImage: Double
    public var peakMemoryBytes: Int
    public var skipped: [ImageError]
    /// False for a detector that gives no anomaly map: pixel figures are "n/a".
    public var hasMap: Bool
    /// The threshold a model saved by this run gets (F1-optimal, or `--threshold`'s target) and how it was chosen.
    public var threshold: Float
    public var thresholdMethod: String
    /// `--fit` when not the default stretch, and the tiles when tiled (left out of the JSON otherwise).
    public var fit: PreprocessingFit? = nil
    public var tiling: Tiling? = nil

    enum CodingKeys: String, CodingKey {
        case dataset, detector, backbone, parameters, resize, crop, overall, skipped, fit, tiling
        case trainImages = "train_images", testImages = "test_images", perKind = "per_kind"
        case fitSeconds = "fit_seconds", fitCPUSeconds = "fit_cpu_seconds", scoreMillisecondsPerImage = "score_ms_per_image"
        case peakMemoryBytes = "peak_memory_bytes", hasMap = "has_map"
        case threshold, thresholdMethod = "threshold_method"
    }
}
