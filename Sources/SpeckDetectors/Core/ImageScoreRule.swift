/// How a feature detector turns its patch scores into the image score
/// (`--param score=...`): the maximum of the finished anomaly map, the mean of
/// the K highest patch scores (steadier than one patch: a single noisy patch
/// cannot decide, a defect covering several patches still does), or the
/// detector's own rule (PatchCore's reweighted maximum, SPADE's nearest images).
public enum ImageScoreRule: Sendable, Equatable {
    case max
    case topK(Int)
    /// PatchCore's paper score: the largest patch distance, damped in dense bank regions.
    case reweighted
    /// SPADE's: the mean distance to the nearest training images by pooled features.
    case nearestImages

    /// The parameter text ("max", "topk:5", "reweighted", "images").
    public var text: String {
        switch self {
        case .max: return "max"
        case .topK(let k): return "topk:\(k)"
        case .reweighted: return "reweighted"
        case .nearestImages: return "images"
        }
    }

    /// Parses `max`, `topk:K` (K ≥ 1) or the text of `own`, naming the key on error.
    public init(parsing text: String, detector: String, own: ImageScoreRule? = nil) throws {
        let allowed = ["max", "topk:K"] + (own.map { [$0.text] } ?? [])
        if text == "max" {
            self = .max
        } else if let own, text == own.text {
            self = own
        } else if text.hasPrefix("topk:"), let k = Int(text.dropFirst(5)), (1...100_000).contains(k) {
            self = .topK(k)
        } else {
            throw DetectorError.invalidParameter(
                "\(detector) score=\(text): expected one of \(allowed.joined(separator: ", ")) (K a whole number ≥ 1)")
        }
    }

    /// The image score by `max` or `topK` from the raw patch scores and the finished map.
    /// The detector's own rules are computed by the detector (nil here).
    public func pooled(patchScores: [Float], map: [Float]) -> Float? {
        switch self {
        case .max: return map.max() ?? 0
        case .topK(let k):
            let top = patchScores.sorted(by: >).prefix(k)
            return top.isEmpty ? 0 : top.reduce(0, +) / Float(top.count)
        case .reweighted, .nearestImages: return nil
        }
    }
}
