/// True/false positives and negatives of scores against known truth at one
/// threshold (anomalous when score >= threshold).
public struct ConfusionAtThreshold: Sendable, Equatable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0

    public init(_ outcomes: [(score: Float, anomalous: Bool)], threshold: Float) {
        for outcome in outcomes {
            switch (outcome.score >= threshold, outcome.anomalous) {
            case (true, true): truePositives += 1
            case (true, false): falsePositives += 1
            case (false, true): falseNegatives += 1
            case (false, false): trueNegatives += 1
            }
        }
    }

    public var precision: Double? { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double? { ratio(truePositives, truePositives + falseNegatives) }
    public var f1: Double? {
        guard let p = precision, let r = recall, p + r > 0 else { return nil }
        return 2 * p * r / (p + r)
    }

    /// False positives at the highest threshold that still finds `recall` of
    /// the anomalous images: how many good images an inspector must look at
    /// to catch that share of the defects. Nil without anomalous images.
    public static func falsePositives(_ outcomes: [(score: Float, anomalous: Bool)], atRecall recall: Double) -> Int? {
        let positives = outcomes.filter(\.anomalous).count
        guard positives > 0 else { return nil }
        let needed = Int((recall * Double(positives) - 1e-9).rounded(.up))
        guard needed > 0 else { return 0 }
        // Lowest score among the `needed` highest-scoring anomalous images.
        let cut = outcomes.filter(\.anomalous).map(\.score).sorted(by: >)[needed - 1]
        return outcomes.filter { !$0.anomalous && $0.score >= cut }.count
    }

    private func ratio(_ a: Int, _ b: Int) -> Double? { b > 0 ? Double(a) / Double(b) : nil }
}
