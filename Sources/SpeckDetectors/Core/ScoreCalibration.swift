/// The decision threshold of a fitted model and the statistics that map raw
/// scores to a normalised scale where the threshold sits at 0.5 (as anomalib
/// does), so that scores of different detectors read the same way.
public struct ScoreCalibration: Codable, Sendable, Equatable {
    /// Image-level threshold on raw scores: score >= threshold means "anomalous".
    public var threshold: Float
    /// How `threshold` was chosen, in words ("F1-optimal on 83 labelled test images").
    public var thresholdMethod: String
    /// Pixel-level threshold on raw map values (for heatmap contours), if known.
    public var pixelThreshold: Float?
    /// Min and max of the image scores the calibration saw.
    public var imageMin: Float
    public var imageMax: Float
    /// Min and max of the map values the calibration saw.
    public var pixelMin: Float
    public var pixelMax: Float

    public init(threshold: Float, thresholdMethod: String, pixelThreshold: Float? = nil,
                imageMin: Float, imageMax: Float, pixelMin: Float, pixelMax: Float) {
        self.threshold = threshold
        self.thresholdMethod = thresholdMethod
        self.pixelThreshold = pixelThreshold
        self.imageMin = imageMin
        self.imageMax = imageMax
        self.pixelMin = pixelMin
        self.pixelMax = pixelMax
    }

    /// Image score on the normalised scale: threshold → 0.5, clipped to [0, 1].
    public func normalisedScore(_ raw: Float) -> Float {
        Self.normalise(raw, threshold: threshold, min: imageMin, max: imageMax)
    }

    /// Map value on the normalised scale, around the pixel threshold (or the image one).
    public func normalisedPixel(_ raw: Float) -> Float {
        Self.normalise(raw, threshold: pixelThreshold ?? threshold, min: pixelMin, max: pixelMax)
    }

    public func isAnomalous(_ raw: Float) -> Bool { raw >= threshold }

    /// anomalib-style min-max normalisation centred on the threshold.
    static func normalise(_ raw: Float, threshold: Float, min: Float, max: Float) -> Float {
        let span = max - min
        guard span > 0, span.isFinite else { return raw >= threshold ? 1 : 0 }
        let value = (raw - threshold) / span + 0.5
        return Swift.min(1, Swift.max(0, value))
    }
}
