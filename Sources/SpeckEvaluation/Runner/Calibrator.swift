import SpeckDetectors

/// Chooses a model's threshold and normalisation statistics from scored images.
public enum Calibrator {
    /// Default quantile of normal scores used when no defects are labelled.
    public static let defaultQuantile = 0.99

    /// With labelled defects: the F1-optimal image threshold (and the pixel
    /// F1-optimal threshold when masks allow); otherwise the `quantile` of the
    /// normal images' scores, pixel threshold the same quantile of their map values.
    /// A `target` (`speck train --threshold`) chooses the image threshold instead.
    public static func calibrate(_ scored: [ScoredSample], pixel: PixelMetrics? = nil,
                                 quantile q: Double = defaultQuantile, target: ThresholdTarget? = nil) throws -> ScoreCalibration {
        guard !scored.isEmpty else { throw EvaluationError.mismatchedInput("none of the held-out images could be scored, so no threshold can be chosen (see the skipped files above)") }
        let scores = scored.map(\.score)
        var pixelMin = Float.infinity, pixelMax = -Float.infinity
        for item in scored {
            for v in item.map?.values ?? [] { pixelMin = min(pixelMin, v); pixelMax = max(pixelMax, v) }
        }
        // No maps (a score-only detector): nothing to normalise, and JSON cannot hold infinities.
        if pixelMin > pixelMax { (pixelMin, pixelMax) = (0, 0) }
        let labelled = scored.filter { $0.isAnomalous != nil }
        let bothClasses = labelled.contains { $0.isAnomalous == true } && labelled.contains { $0.isAnomalous == false }
        let quantileWanted: Double?
        switch target {
        case .quantile(let asked)?: quantileWanted = asked
        case nil: quantileWanted = bothClasses ? nil : q
        default: quantileWanted = nil
        }
        let threshold: Float, method: String, pixelThreshold: Float?
        if let q = quantileWanted {
            let normals = labelled.filter { $0.isAnomalous == false }
            let normal = normals.isEmpty ? scored : normals
            threshold = try quantile(normal.map(\.score), q)
            method = String(format: "%g%% quantile of the scores of %d held-out normal images", q * 100, normal.count)
            let values = normal.flatMap { Self.sampled($0.map?.values ?? []) }
            pixelThreshold = values.isEmpty ? nil : try quantile(values, q)
        } else {
            pixelThreshold = bothClasses ? (pixel ?? (try? EvaluationFigures.pixelMetrics(labelled)))?.f1Threshold : nil
            if let target {
                let chosen = try TargetThreshold(target, scores: labelled.map(\.score), anomalous: labelled.map { $0.isAnomalous! })
                (threshold, method) = (chosen.threshold, chosen.method)
            } else {
                // bothClasses holds here, so the labelled threshold exists.
                (threshold, method) = try labelledThreshold(scores: labelled.map(\.score), anomalous: labelled.map { $0.isAnomalous! })!
            }
        }
        return ScoreCalibration(threshold: threshold, thresholdMethod: method, pixelThreshold: pixelThreshold,
                                imageMin: scores.min()!, imageMax: scores.max()!, pixelMin: pixelMin, pixelMax: pixelMax)
    }

    /// Every 7th map value: enough for a quantile without sorting millions.
    private static func sampled(_ values: [Float]) -> [Float] {
        stride(from: 0, to: values.count, by: 7).map { values[$0] }
    }
}
