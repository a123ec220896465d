import Foundation

/// A threshold chosen to meet a `ThresholdTarget` on labelled scores, with
/// the counts it gives there (anomalous when score >= threshold). When the
/// target cannot be met, the nearest achievable threshold is taken and
/// `shortfall` says so plainly.
public struct TargetThreshold: Sendable, Equatable {
    public var target: ThresholdTarget
    public var threshold: Float
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
    public var trueNegatives: Int
    /// Why the target was not met and what was taken instead; nil when it was met.
    public var shortfall: String?

    public var labelled: Int { truePositives + falsePositives + falseNegatives + trueNegatives }

    /// How the threshold was chosen, in words, counts first (they matter most on a narrow screen).
    public var method: String {
        "target \(target): TP \(truePositives) FP \(falsePositives) FN \(falseNegatives) TN \(trueNegatives)"
            + " of \(labelled) labelled images" + (shortfall.map { "; \($0)" } ?? "")
    }

    /// `anomalous[i]` is the truth of `scores[i]`. Ties are never split: every
    /// threshold lies between two distinct scores (or above the highest).
    public init(_ target: ThresholdTarget, scores: [Float], anomalous: [Bool]) throws {
        let outcomes = try RankedOutcomes(scores: scores, labels: anomalous)
        let groups = outcomes.groups
        let (positives, negatives) = (outcomes.totalPositives, outcomes.totalNegatives)
        guard !groups.isEmpty else { throw EvaluationError.mismatchedInput("\(target): there are no labelled images") }
        func need(_ what: String, _ count: Int) throws {
            if count == 0 {
                throw EvaluationError.singleClass("\(target): none of the \(scores.count) labelled images is \(what)")
            }
        }
        // Cumulative counts when groups 0...i are flagged.
        var flaggedPositives: [Int] = [], flaggedNegatives: [Int] = []
        for group in groups {
            flaggedPositives.append((flaggedPositives.last ?? 0) + group.positives)
            flaggedNegatives.append((flaggedNegatives.last ?? 0) + group.negatives)
        }
        var shortfall: String?
        let threshold: Float
        switch target {
        case .f1:
            threshold = try outcomes.f1Max(what: "\(target)").threshold
        case .quantile(let q):
            try need("normal", negatives)
            threshold = try quantile(zip(scores, anomalous).filter { !$0.1 }.map(\.0), q)
        case .recall(let r):
            try need("anomalous", positives)
            // Fewest flagged images that find the share; tiny slack so that 0.9 of 10 needs 9, not 10.
            let needed = Int((r * Double(positives) - 1e-9).rounded(.up))
            let index = flaggedPositives.firstIndex { $0 >= needed }!
            threshold = RankedOutcomes.thresholdBelow(groups, index: index)
        case .falsePositiveRate(let f):
            try need("normal", negatives)
            let index = flaggedNegatives.lastIndex { Double($0) <= f * Double(negatives) + 1e-9 }
            if let index {
                threshold = RankedOutcomes.thresholdBelow(groups, index: index)
            } else {
                threshold = groups[0].score.nextUp
                shortfall = "no threshold flags an image within \(target); this one flags none"
            }
        case .precision(let p):
            try need("anomalous", positives)
            let precisions = groups.indices.map { Double(flaggedPositives[$0]) / Double(flaggedPositives[$0] + flaggedNegatives[$0]) }
            if let index = precisions.lastIndex(where: { $0 >= p - 1e-9 }) {
                threshold = RankedOutcomes.thresholdBelow(groups, index: index)
            } else {
                let best = precisions.max()!
                threshold = RankedOutcomes.thresholdBelow(groups, index: precisions.lastIndex(of: best)!)
                shortfall = "not reachable; the highest precision, \(String(format: "%.3g", best)), is taken"
            }
        }
        self.target = target
        self.threshold = threshold
        self.shortfall = shortfall
        (truePositives, falsePositives, falseNegatives, trueNegatives) = (0, 0, 0, 0)
        for (score, isAnomalous) in zip(scores, anomalous) {
            switch (score >= threshold, isAnomalous) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, true): falseNegatives += 1
            case (false, false): trueNegatives += 1
            }
        }
    }
}
