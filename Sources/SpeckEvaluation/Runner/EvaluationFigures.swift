/// The figures of one group of test images (one defect kind with the good
/// images, or all of them). A figure that cannot be computed (no defect
/// images, no masks) is nil and printed as "—".
public struct EvaluationFigures: Sendable, Codable, Equatable {
    public var imageAUROC: Double?
    public var pixelAUROC: Double?
    public var aupro: Double?
    /// Image-level F1-max and the score threshold achieving it.
    public var f1Max: Double?
    public var threshold: Float?
    public var images: Int
    public var defective: Int

    enum CodingKeys: String, CodingKey {
        case imageAUROC = "image_auroc", pixelAUROC = "pixel_auroc", aupro, f1Max = "f1_max", threshold, images, defective
    }

    /// Computes every figure the scored images allow; `pixel` may be passed
    /// when already computed for the same images.
    public init(_ scored: [ScoredSample], pixel: PixelMetrics? = nil) {
        let labelled = scored.filter { $0.isAnomalous != nil }
        images = labelled.count
        defective = labelled.filter { $0.isAnomalous == true }.count
        if let outcomes = try? RankedOutcomes(scores: labelled.map(\.score), labels: labelled.map { $0.isAnomalous! }) {
            imageAUROC = try? outcomes.auroc()
            if let best = try? outcomes.f1Max() {
                f1Max = best.f1
                threshold = best.threshold
            }
        }
        if let metrics = pixel ?? (try? Self.pixelMetrics(labelled)) {
            pixelAUROC = metrics.auroc
            aupro = metrics.aupro
        }
    }

    /// Pixel figures over the images that have ground truth.
    public static func pixelMetrics(_ scored: [ScoredSample]) throws -> PixelMetrics {
        let samples = scored.compactMap { item -> PixelMetrics.Sample? in
            guard let map = item.map, let mask = item.mask else { return nil }
            return PixelMetrics.Sample(map: map.values, mask: mask, width: map.width, height: map.height)
        }
        return try PixelMetrics(samples: samples)
    }
}
