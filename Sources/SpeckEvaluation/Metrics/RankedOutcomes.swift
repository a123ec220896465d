/// Scores with binary labels, grouped by distinct score from the highest down.
/// Every threshold curve (ROC, precision/recall) is a walk over these groups;
/// keeping tied scores in one group is what makes ties count half.
public struct RankedOutcomes: Sendable {
    public struct Group: Sendable, Equatable {
        public var score: Float
        public var positives: Int
        public var negatives: Int
    }

    /// Distinct scores, highest first.
    public let groups: [Group]
    public let totalPositives: Int
    public let totalNegatives: Int

    /// `labels[i]` is true when item i is anomalous.
    public init(scores: [Float], labels: [Bool]) throws {
        guard scores.count == labels.count else {
            throw EvaluationError.mismatchedInput("\(scores.count) scores but \(labels.count) labels")
        }
        if let bad = scores.firstIndex(where: { !$0.isFinite }) {
            throw EvaluationError.invalidScore("score \(bad) is \(scores[bad])")
        }
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var groups: [Group] = []
        for index in order {
            if groups.last?.score != scores[index] {
                groups.append(Group(score: scores[index], positives: 0, negatives: 0))
            }
            if labels[index] { groups[groups.count - 1].positives += 1 } else { groups[groups.count - 1].negatives += 1 }
        }
        self.groups = groups
        totalPositives = labels.filter { $0 }.count
        totalNegatives = labels.count - totalPositives
    }

    /// Area under the ROC curve: the chance that an anomalous item scores above
    /// a normal one, ties counting half.
    public func auroc(what: String = "AUROC") throws -> Double {
        try requireBothClasses(what)
        var area = 0.0, truePositives = 0.0, falsePositives = 0.0
        for group in groups {
            let tp = truePositives + Double(group.positives)
            let fp = falsePositives + Double(group.negatives)
            area += (fp - falsePositives) * (truePositives + tp) / 2
            truePositives = tp
            falsePositives = fp
        }
        return area / (Double(totalPositives) * Double(totalNegatives))
    }

    /// The best F1 over all thresholds (anomalous when score >= threshold) and
    /// a threshold achieving it, placed midway to the next lower score so that
    /// it does not sit on a data point.
    public func f1Max(what: String = "F1-max") throws -> (f1: Double, threshold: Float) {
        guard totalPositives > 0 else {
            throw EvaluationError.singleClass("\(what): there are no anomalous examples")
        }
        var best = (f1: -1.0, index: 0)
        var truePositives = 0, predicted = 0
        for (index, group) in groups.enumerated() {
            truePositives += group.positives
            predicted += group.positives + group.negatives
            let f1 = 2 * Double(truePositives) / Double(predicted + totalPositives)
            if f1 > best.f1 { best = (f1, index) }
        }
        return (best.f1, Self.thresholdBelow(groups, index: best.index))
    }

    /// A threshold that keeps groups 0...index above it and the rest below.
    static func thresholdBelow(_ groups: [Group], index: Int) -> Float {
        let score = groups[index].score
        guard index + 1 < groups.count else { return score }
        let next = groups[index + 1].score
        let middle = next + (score - next) / 2
        return middle > next && middle <= score ? middle : score
    }

    private func requireBothClasses(_ what: String) throws {
        if totalPositives == 0 || totalNegatives == 0 {
            let only = totalPositives == 0 ? "normal" : "anomalous"
            throw EvaluationError.singleClass(
                "\(what): it needs both normal and anomalous examples, but all \(totalPositives + totalNegatives) are \(only)")
        }
    }
}
