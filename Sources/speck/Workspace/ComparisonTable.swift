import Foundation
import SpeckWorkspace

/// Prints a `ModelComparison`: the models and thresholds, the labelled images
/// side by side, then for each group the confusion counts at each model's own
/// threshold and the false positives each needs to reach the same recall.
struct ComparisonTable {
    var comparison: ModelComparison
    var listAll: Bool

    func print() {
        let a = comparison.a, b = comparison.b
        for side in [a, b] {
            let parent = side.model.parentId.map { id in
                [a, b].first { $0.model.id == id }?.model.name ?? "#\(id)" } ?? "none"
            Swift.print("\(side.model.name): \(side.model.detector)\(side.model.backbone.map { "/\($0)" } ?? ""), "
                + "\(side.model.trainingImageCount) training images, parent \(parent), threshold "
                + (side.threshold.map { "\(figure($0.value)) (\($0.method.rawValue): \($0.detail ?? ""))" } ?? "none"))
        }
        Swift.print("")
        list(comparison.labelled, rows: comparison.labelled.rows)
        let changed = comparison.heldOutTest.rows.filter { verdict($0.a, a) != verdict($0.b, b) }
        list(comparison.heldOutTest, rows: listAll ? comparison.heldOutTest.rows : changed,
             caption: listAll ? nil : "verdict changed on \(changed.count) (--all lists every image)")
        for group in [comparison.labelled, comparison.heldOutTest] { counts(group) }
    }

    private func list(_ group: ModelComparison.Group, rows: [ModelComparison.Row], caption: String? = nil) {
        Swift.print("\(group.title) (\(group.rows.count))\(caption.map { ": \($0)" } ?? "")")
        guard !rows.isEmpty else { Swift.print(""); return }
        Swift.print("  " + pad("truth", 10) + pad(comparison.a.model.name, 18) + pad(comparison.b.model.name, 18) + "image")
        for row in rows.sorted(by: { $0.image.sample.relativePath < $1.image.sample.relativePath }) {
            Swift.print("  " + pad(row.anomalous ? "anomalous" : "normal", 10)
                + pad(cell(row.a, comparison.a), 18) + pad(cell(row.b, comparison.b), 18) + row.image.sample.relativePath)
        }
        Swift.print("")
    }

    private func counts(_ group: ModelComparison.Group) {
        let rows = comparison.figureRows(of: group)
        guard !rows.isEmpty else { return }
        Swift.print("\(group.title), at each model's own threshold:")
        Swift.print("  " + pad("", 22) + pad(comparison.a.model.name, 14) + comparison.b.model.name)
        for row in rows { Swift.print("  " + pad(row.name, 22) + pad(row.first, 14) + row.second) }
        Swift.print("")
    }

    private func verdict(_ score: ScoreRecord?, _ side: ModelComparison.Side) -> Bool? {
        guard let score, let threshold = side.threshold else { return nil }
        return score.raw >= threshold.value
    }

    private func cell(_ score: ScoreRecord?, _ side: ModelComparison.Side) -> String {
        guard let score else { return "not scored" }
        let flag = verdict(score, side).map { $0 ? " FLAG" : " ok" } ?? ""
        return (score.normalised.map { String(format: "%.3f", $0) } ?? figure(score.raw)) + flag
    }

    private func figure(_ value: Double) -> String { ReportText.figure(value) }
    private func pad(_ text: String, _ width: Int) -> String { ReportText.pad(text, width) }
}
