/// The order in which an inspector's labels change the most ("label next").
///
/// Only unlabelled images the model did not learn from are queued, in three parts:
/// 1. Images within the band around the threshold (5% of the score range,
///    the step `{`/`}` move the threshold by), nearest first: a label there
///    decides which side of the threshold the image belongs, and so moves it.
/// 2. The other flagged images, most unlike each other first: greedy
///    farthest-point order on their map signatures, measured against the
///    flagged images already ahead in the queue and those already labelled,
///    so ten near-identical false positives take one look, not ten.
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
        places += unlikeFirst(flagged, seen: seen, distance: distance)
        places += below.map { Place(imageId: $0.imageId, path: $0.path, score: $0.score, reason: .belowThreshold(distance($0))) }
        return places
    }

    /// Greedy farthest-point order: each pick is the flagged image whose nearest
    /// seen one is farthest away (ties: nearest the threshold), then it counts as seen.
    private func unlikeFirst(_ flagged: [Candidate], seen: [Candidate],
                             distance: (Candidate) -> ThresholdDistance) -> [Place] {
        var open = flagged.filter { $0.signature != nil }.sorted { $0.score != $1.score ? $0.score < $1.score : $0.path < $1.path }
        var withoutMap = flagged.filter { $0.signature == nil }.map { ($0, "no anomaly map to compare") }
        if open.count > Self.comparedLimit {
            withoutMap += open[Self.comparedLimit...].map { ($0, "not compared (over \(Self.comparedLimit) flagged images)") }
            open = Array(open[..<Self.comparedLimit])
        }
        // The nearest seen image (path, distance) of every open candidate.
        var nearest: [(name: String, distance: Double)?] = open.map { candidate in
            seen.map { (name: $0.path, distance: candidate.signature!.distance(to: $0.signature!)) }
                .min { $0.distance < $1.distance }
        }
        var places: [Place] = []
        while !open.isEmpty {
            var best = 0
            for i in open.indices.dropFirst() {
                let di = nearest[i]?.distance ?? .infinity, db = nearest[best]?.distance ?? .infinity
                if di > db { best = i }  // ties keep the earlier, lower-scored one: nearer the threshold
            }
            let pick = open.remove(at: best)
            let pickNearest = nearest.remove(at: best)
            places.append(Place(imageId: pick.imageId, path: pick.path, score: pick.score,
                                reason: .unlikeFlagged(distance(pick), nearest: pickNearest?.name, distance: pickNearest?.distance)))
            for i in open.indices {
                let d = open[i].signature!.distance(to: pick.signature!)
                if d < (nearest[i]?.distance ?? .infinity) { nearest[i] = (name: pick.path, distance: d) }
            }
        }
        let rest = withoutMap.sorted { abs($0.0.score - threshold) < abs($1.0.score - threshold) }
        return places + rest.map { Place(imageId: $0.0.imageId, path: $0.0.path, score: $0.0.score,
                                         reason: .flagged(distance($0.0), why: $0.1)) }
    }
}
