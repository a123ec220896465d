import Foundation

/// Why an image is where it is in the labelling queue, in words the
/// workstation and `speck labels next` both print.
public enum QueueReason: Sendable, Equatable {
    /// Within the band around the threshold: its label most likely moves it.
    case nearThreshold(ThresholdDistance)
    /// Flagged and unlike the flagged images before it (and those already
    /// labelled): `nearest` is the most similar of them, nil when it is the first.
    case unlikeFlagged(ThresholdDistance, nearest: String?, distance: Double?)
    /// Flagged, but its map looks like that of `of`, ahead of it or labelled: pushed back.
    case lookAlike(ThresholdDistance, of: String, distance: Double)
    /// Flagged, but not compared with the others (no stored map, or past the comparison limit).
    case flagged(ThresholdDistance, why: String)
    /// Not flagged and outside the band: least likely to change anything.
    case belowThreshold(ThresholdDistance)

    public var distance: ThresholdDistance {
        switch self {
        case .nearThreshold(let d), .unlikeFlagged(let d, _, _), .lookAlike(let d, _, _), .flagged(let d, _),
             .belowThreshold(let d): return d
        }
    }

    /// The distance to the threshold first, so that it survives when a narrow panel cuts the rest.
    public var text: String {
        switch self {
        case .nearThreshold(let d): return d.text
        case .unlikeFlagged(let d, let nearest?, let distance?):
            return "\(d.text); unlike the other flagged images: nearest flagged one is \(nearest) at distance "
                + String(format: "%.3f", distance)
        case .unlikeFlagged(let d, _, _): return "\(d.text); the first flagged image to compare the others with"
        case .lookAlike(let d, let other, let distance):
            return "\(d.text); looks like \(other) (distance " + String(format: "%.3f", distance) + "): pushed back"
        case .flagged(let d, let why): return "\(d.text); \(why)"
        case .belowThreshold(let d): return "\(d.text): least likely to change anything"
        }
    }
}

/// How far a score is from the threshold, as a share of the threshold (of
/// the score range when the threshold is zero).
public struct ThresholdDistance: Sendable, Equatable {
    /// (score − threshold) / scale: positive above, negative below.
    public var relative: Double

    public init(score: Double, threshold: Double, range: Double) {
        let scale = threshold != 0 ? abs(threshold) : (range > 0 ? range : 1)
        relative = (score - threshold) / scale
    }

    public var text: String {
        let percent = abs(relative) * 100
        let figure = percent < 10 ? String(format: "%.1f%%", percent) : String(format: "%.0f%%", percent)
        return relative >= 0 ? "\(figure) above the threshold" : "\(figure) below the threshold"
    }
}
