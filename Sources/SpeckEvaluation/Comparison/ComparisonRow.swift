/// One entry of a detector comparison: its runs (one per seed) summarised as
/// mean and spread, or the error that stopped it.
public struct ComparisonRow: Sendable, Codable, Equatable {
    /// The entry as written ("patchcore:coreset=0.01").
    public var entry: String
    public var detector: String
    /// Every parameter the fitted detector used (defaults included), from its configuration.
    public var parameters: [String: String]
    /// The resize the entry's detector used (detectors have their own defaults).
    public var resize: Int?
    public var runs: [ComparisonRun]
    /// Why the entry (or one of its seeds) failed; the runs that finished stay listed.
    public var error: String?

    public init(entry: String, detector: String, parameters: [String: String] = [:], runs: [ComparisonRun] = [],
                error: String? = nil) {
        self.entry = entry
        self.detector = detector
        self.parameters = parameters
        self.runs = runs
        self.error = error
    }

    public var imageAUROC: MetricSpread? { MetricSpread(runs.map(\.imageAUROC)) }
    public var pixelAUROC: MetricSpread? { MetricSpread(runs.map(\.pixelAUROC)) }
    public var aupro: MetricSpread? { MetricSpread(runs.map(\.aupro)) }
    public var fitSeconds: MetricSpread? { MetricSpread(runs.map(\.fitSeconds)) }
    public var fitCPUSeconds: MetricSpread? { MetricSpread(runs.map(\.fitCPUSeconds)) }
    public var scoreMillisecondsPerImage: MetricSpread? { MetricSpread(runs.map(\.scoreMillisecondsPerImage)) }

    enum CodingKeys: String, CodingKey {
        case entry, detector, parameters, resize, runs, error, summary
    }

    /// The summaries are written too, so the JSON reads without recomputing them.
    struct Summary: Codable {
        var imageAUROC: MetricSpread?
        var pixelAUROC: MetricSpread?
        var aupro: MetricSpread?
        var fitSeconds: MetricSpread?
        var fitCPUSeconds: MetricSpread?
        var scoreMillisecondsPerImage: MetricSpread?

        enum CodingKeys: String, CodingKey {
            case aupro
            case imageAUROC = "image_auroc", pixelAUROC = "pixel_auroc"
            case fitSeconds = "fit_seconds", fitCPUSeconds = "fit_cpu_seconds"
            case scoreMillisecondsPerImage = "score_ms_per_image"
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        entry = try c.decode(String.self, forKey: .entry)
        detector = try c.decode(String.self, forKey: .detector)
        parameters = try c.decodeIfPresent([String: String].self, forKey: .parameters) ?? [:]
        resize = try c.decodeIfPresent(Int.self, forKey: .resize)
        runs = try c.decode([ComparisonRun].self, forKey: .runs)
        error = try c.decodeIfPresent(String.self, forKey: .error)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(entry, forKey: .entry)
        try c.encode(detector, forKey: .detector)
        try c.encode(parameters, forKey: .parameters)
        try c.encodeIfPresent(resize, forKey: .resize)
        try c.encode(runs, forKey: .runs)
        try c.encodeIfPresent(error, forKey: .error)
        try c.encode(Summary(imageAUROC: imageAUROC, pixelAUROC: pixelAUROC, aupro: aupro, fitSeconds: fitSeconds,
                             fitCPUSeconds: fitCPUSeconds, scoreMillisecondsPerImage: scoreMillisecondsPerImage),
                     forKey: .summary)
    }
}
