/// Confusion counts at one threshold over the held-out images whose truth
/// is known (label, else dataset ground truth); training images would only
/// add easy true negatives. Flagged = score ≥ threshold, over every scored image.
public struct ConfusionCounts: Sendable, Equatable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0
    /// Scored images at or above the threshold, known truth or not.
    public var flagged = 0
    public var scored = 0

    public init(entries: [ImageEntry], threshold: Float) {
        for entry in entries {
            guard let score = entry.rawScore else { continue }
            scored += 1
            let isFlagged = score >= threshold
            if isFlagged { flagged += 1 }
            guard !entry.isTraining, let truth = entry.effectiveTruth else { continue }
            switch (isFlagged, truth) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, true): falseNegatives += 1
            case (false, false): trueNegatives += 1
            }
        }
    }

    public var known: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
    public var precision: Double? { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double? { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double? {
        guard let p = precision, let r = recall, p + r > 0 else { return nil }
        return 2 * p * r / (p + r)
    }

    private func ratio(_ a: Int, _ b: Int) -> Double? { b > 0 ? Double(a) / Double(b) : nil }
}
