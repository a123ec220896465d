import Foundation
import SpeckWorkspace

/// The before/after table shown when a retrain finishes: each model at its
/// own threshold on the images whose truth is known, and the false
/// positives of each at the recall the old model reached.
struct RetrainComparison {
    let entries: [ImageEntry]
    let imageIds: [Int: Int64]
    let before: (name: String, scores: [Int64: ScoreRecord], threshold: Float?)
    let after: (name: String, scores: [Int64: ScoreRecord], threshold: Float?)
    let trainingBefore: Int
    let trainingAfter: Int

    func withScores(_ scores: [Int64: ScoreRecord]) -> [ImageEntry] {
        entries.map { entry in
            var copy = entry
            copy.rawScore = imageIds[entry.id].flatMap { scores[$0] }.map { Float($0.raw) }
            return copy
        }
    }

    func lines() -> [String] {
        let old = withScores(before.scores), new = withScores(after.scores)
        let oldCounts = before.threshold.map { ConfusionCounts(entries: old, threshold: $0).heldOut }
        let newCounts = after.threshold.map { ConfusionCounts(entries: new, threshold: $0).heldOut }
        func row(_ name: String, _ a: String, _ b: String) -> String {
            name.padding(toLength: 22, withPad: " ", startingAt: 0) + a.padding(toLength: 16, withPad: " ", startingAt: 0) + b
        }
        func counts(_ c: ConfusionAtThreshold?) -> String {
            c.map { "\($0.truePositives)/\($0.falsePositives)/\($0.falseNegatives)/\($0.trueNegatives)" } ?? "–"
        }
        var lines = [
            row("", "before (\(before.name))", "after (\(after.name))"),
            row("training images", "\(trainingBefore)", "\(trainingAfter)"),
            row("threshold", Format.score(before.threshold), Format.score(after.threshold)),
            row("TP/FP/FN/TN", counts(oldCounts), counts(newCounts)),
            row("precision", Format.ratio(oldCounts?.precision), Format.ratio(newCounts?.precision)),
            row("recall", Format.ratio(oldCounts?.recall), Format.ratio(newCounts?.recall)),
            row("F1", Format.ratio(oldCounts?.f1), Format.ratio(newCounts?.f1)),
        ]
        if let recall = oldCounts?.recall, recall > 0,
           let a = ConfusionAtThreshold.falsePositives(old.compactMap(\.outcome), atRecall: recall),
           let b = ConfusionAtThreshold.falsePositives(new.compactMap(\.outcome), atRecall: recall) {
            lines.append(row(String(format: "FP at recall %.2f", recall), "\(a)", "\(b)"))
        }
        lines.append("(counts over images whose truth is known: labels first, then the dataset)")
        return lines
    }
}
