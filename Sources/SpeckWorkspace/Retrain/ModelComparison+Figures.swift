import Foundation

extension ModelComparison {
    /// One group's figures for both models: the counts at each model's own
    /// threshold, and the false positives each needs to find the same share of
    /// the defects (the first model's recall there, and all of them).
    public struct GroupFigures: Sendable {
        public var first: ConfusionAtThreshold
        public var second: ConfusionAtThreshold
        public var falsePositivesAtRecall: [(recall: Double, first: Int, second: Int)]
    }

    /// Nil when a model has no threshold.
    public func figures(of group: Group) -> GroupFigures? {
        guard let first = group.confusion(\.a, threshold: a.threshold),
              let second = group.confusion(\.b, threshold: b.threshold) else { return nil }
        var recalls = [1.0]
        if let recall = first.recall, recall > 0, recall < 1 { recalls.insert(recall, at: 0) }
        let outcomesA = group.outcomes(\.a), outcomesB = group.outcomes(\.b)
        let atRecall = recalls.compactMap { recall -> (Double, Int, Int)? in
            guard let x = ConfusionAtThreshold.falsePositives(outcomesA, atRecall: recall),
                  let y = ConfusionAtThreshold.falsePositives(outcomesB, atRecall: recall) else { return nil }
            return (recall, x, y)
        }
        return GroupFigures(first: first, second: second, falsePositivesAtRecall: atRecall)
    }

    /// The retrain report (before = `a`, after = `b`): first the images neither
    /// model learned from, the honest measure; then the labelled images, where
    /// the new model may have learned from the very images it is judged on.
    public func beforeAfterLines() -> [String] {
        func row(_ name: String, _ x: String, _ y: String) -> String {
            "  " + ReportText.pad(name, 22) + ReportText.pad(x, 16) + y
        }
        var lines = [
            row("", "before (\(a.model.name))", "after (\(b.model.name))"),
            row("training images", "\(a.model.trainingImageCount)", "\(b.model.trainingImageCount)"),
            row("threshold", a.threshold.map { ReportText.figure($0.value) } ?? "–",
                b.threshold.map { ReportText.figure($0.value) } ?? "–"),
        ]
        let learnedFrom = labelled.rows.filter { b.trainingImageIds.contains($0.image.record.id!) }.count
        let groups = [(heldOutTest, "\(heldOutTest.title) (\(heldOutTest.rows.count))"),
                      (labelled, "\(labelled.title) (\(labelled.rows.count); \(b.model.name) learned from \(learnedFrom) of them)")]
        for (group, title) in groups {
            lines.append("")
            lines.append(title + (group.rows.isEmpty ? ": none" : ""))
            guard !group.rows.isEmpty else { continue }
            lines += figureRows(of: group).map { row($0.name, $0.first, $0.second) }
        }
        return lines
    }

    /// One group's figures as rows of a two-model table: the counts, precision,
    /// recall and the false positives at the same recall; none without thresholds.
    public func figureRows(of group: Group) -> [(name: String, first: String, second: String)] {
        guard let figures = figures(of: group) else { return [] }
        let (x, y) = (figures.first, figures.second)
        func counts(_ c: ConfusionAtThreshold) -> String {
            "\(c.truePositives)/\(c.falsePositives)/\(c.falseNegatives)/\(c.trueNegatives)"
        }
        return [("TP/FP/FN/TN", counts(x), counts(y)),
                ("precision", ReportText.ratio(x.precision), ReportText.ratio(y.precision)),
                ("recall", ReportText.ratio(x.recall), ReportText.ratio(y.recall))]
            + figures.falsePositivesAtRecall.map {
                (String(format: "FP at recall %.0f%%", $0.recall * 100), "\($0.first)", "\($0.second)")
            }
    }
}
