/// One fit and evaluation of a comparison entry (one seed).
public struct ComparisonRun: Sendable, Codable, Equatable {
    /// The `seed` parameter used, nil for a detector without one.
    public var seed: Int?
    public var imageAUROC: Double?
    public var pixelAUROC: Double?
    public var aupro: Double?
    public var fitSeconds: Double
    public var fitCPUSeconds: Double
    public var scoreMillisecondsPerImage: Double

    public init(seed: Int?, report: EvaluationReport) {
        self.seed = seed
        imageAUROC = report.overall.imageAUROC
        pixelAUROC = report.hasMap ? report.overall.pixelAUROC : nil
        aupro = report.hasMap ? report.overall.aupro : nil
        fitSeconds = report.fitSeconds
        fitCPUSeconds = report.fitCPUSeconds ?? 0
        scoreMillisecondsPerImage = report.scoreMillisecondsPerImage
    }

    enum CodingKeys: String, CodingKey {
        case seed, aupro
        case imageAUROC = "image_auroc", pixelAUROC = "pixel_auroc"
        case fitSeconds = "fit_seconds", fitCPUSeconds = "fit_cpu_seconds"
        case scoreMillisecondsPerImage = "score_ms_per_image"
    }
}
