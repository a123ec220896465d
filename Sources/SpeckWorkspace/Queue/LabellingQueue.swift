/// The order in which an inspector's labels change the most ("label next").
///
/// Only unlabelled images the model did not learn from are queued, in three parts:
/// 1. Images within the band around the threshold (5% of the score range,
///    the step `{`/`}` move the threshold by), nearest first: a label there
///    decides which side of the threshold the image belongs, and so moves it.
/// 2. The other flagged images, also nearest the threshold first (the least
///    sure flags), except look-alikes: an image whose map signature is close to
///    that of a flagged image ahead of it or already labelled goes behind the
///    rest, so ten near-identical false positives take one look, not ten.
///    "Close" is a quarter of the median distance between two flagged images.
///    (A farthest-point order was tried first: it put the outliers first, which
///    are mostly obvious defects whose label changes no training set, and needed
///    more labels than the score order on metal_plate.)
/// 3. The unflagged images outside the band, nearest the threshold first.
public struct LabellingQueue: Sendable {
    public struct Candidate: Sendable {
        public var imageId: Int64
        public var path: String
        public var score: Double
        public var signature: MapSignature?

        public init(imageId: Int64, path: String, score: Double, signature: MapSignature?) {
            self.imageId = imageId
            self.path = path
            self.score = score
            self.signature = signature
        }
    }

    public struct Place: Sendable, Equatable {
        public var imageId: Int64
        public var path: String
        public var score: Double
        public var reason: QueueReason
    }

    /// The band around the threshold, as a share of the score range.
    public static let band = 0.05
    /// At most this many flagged images are ordered by likeness (the order costs
    /// candidates x picks distances); the rest follow nearest the threshold first.
    public static let comparedLimit = 1000

    public let threshold: Double
    /// Lowest to highest score of the images the model did not learn from.
    public let scoreRange: ClosedRange<Double>

    public init(threshold: Double, scoreRange: ClosedRange<Double>) {
        self.threshold = threshold
        self.scoreRange = scoreRange
    }

    /// Orders `candidates` (unlabelled); `labelled` are images already labelled, whose
    /// flagged ones count as seen when judging likeness.
    public func order(_ candidates: [Candidate], labelled: [Candidate] = []) -> [Place] {
        let width = scoreRange.upperBound - scoreRange.lowerBound
        let band = Self.band * width
        func distance(_ c: Candidate) -> ThresholdDistance {
            ThresholdDistance(score: c.score, threshold: threshold, range: width)
        }
        func nearestFirst(_ a: Candidate, _ b: Candidate) -> Bool {
            let da = abs(a.score - threshold), db = abs(b.score - threshold)
            return da != db ? da < db : a.path < b.path
        }
        let near = candidates.filter { abs($0.score - threshold) <= band }.sorted(by: nearestFirst)
        let flagged = candidates.filter { $0.score >= threshold && abs($0.score - threshold) > band }
        let below = candidates.filter { $0.score < threshold && abs($0.score - threshold) > band }.sorted(by: nearestFirst)

        var places = near.map { Place(imageId: $0.imageId, path: $0.path, score: $0.score, reason: .nearThreshold(distance($0))) }
        let seen = (labelled + near).filter { $0.score >= threshold && $0.signature != nil }
        places += lookAlikesLast(flagged, seen: seen, distance: distance)
        places += below.map { Place(imageId: $0.imageId, path: $0.path, score: $0.score, reason: .belowThreshold(distance($0))) }
        return places
    }

    /// Flagged images nearest the threshold first, look-alikes of one ahead (or labelled) after the rest.
    private func lookAlikesLast(_ flagged: [Candidate], seen: [Candidate],
                                distance: (Candidate) -> ThresholdDistance) -> [Place] {
        var compared = flagged.filter { $0.signature != nil }.sorted { $0.score != $1.score ? $0.score < $1.score : $0.path < $1.path }
        var withoutMap = flagged.filter { $0.signature == nil }.map { ($0, "no anomaly map to compare") }
        if compared.count > Self.comparedLimit {
            withoutMap += compared[Self.comparedLimit...].map { ($0, "not compared (over \(Self.comparedLimit) flagged images)") }
            compared = Array(compared[..<Self.comparedLimit])
        }
        let radius = Self.lookAlikeRadius(compared.map { $0.signature! })
        var ahead = seen.map { (name: $0.path, signature: $0.signature!) }
        var places: [Place] = [], pushedBack: [Place] = []
        for candidate in compared {
            let nearest = ahead.map { (name: $0.name, distance: candidate.signature!.distance(to: $0.signature)) }
                .min { $0.distance < $1.distance }
            if let nearest, nearest.distance < radius {
                pushedBack.append(Place(imageId: candidate.imageId, path: candidate.path, score: candidate.score,
                                        reason: .lookAlike(distance(candidate), of: nearest.name, distance: nearest.distance)))
                continue
            }
            places.append(Place(imageId: candidate.imageId, path: candidate.path, score: candidate.score,
                                reason: .unlikeFlagged(distance(candidate), nearest: nearest?.name, distance: nearest?.distance)))
            ahead.append((candidate.path, candidate.signature!))
        }
        let rest = withoutMap.sorted { abs($0.0.score - threshold) < abs($1.0.score - threshold) }
        return places + pushedBack + rest.map { Place(imageId: $0.0.imageId, path: $0.0.path, score: $0.0.score,
                                                      reason: .flagged(distance($0.0), why: $0.1)) }
    }

    /// Two flagged maps closer than this are look-alikes: a quarter of the median
    /// distance between two flagged images (0 with fewer than two, so nothing is pushed back).
    static func lookAlikeRadius(_ signatures: [MapSignature]) -> Double {
        guard signatures.count >= 2 else { return 0 }
        var distances: [Double] = []
        distances.reserveCapacity(signatures.count * (signatures.count - 1) / 2)
        for i in signatures.indices {
            for j in signatures.indices where j > i { distances.append(signatures[i].distance(to: signatures[j])) }
        }
        distances.sort()
        return distances[distances.count / 2] / 4
    }
}
