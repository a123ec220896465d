/// Scores, threshold and model facts for the selected image.
public struct DetailsPanel {
    public static func draw(_ state: WorkstationState, into buffer: inout ScreenBuffer, rect: Rect, theme: Theme) {
        buffer.box(rect, style: theme.frame, title: "Details", titleStyle: theme.title)
        let inner = rect.inner
        var lines: [(String, String)] = []
        if let entry = state.list.selectedEntry {
            lines.append(("image", entry.relativePath + (entry.isTraining ? "  (training)" : "")))
            if let problem = entry.problem { lines.append(("problem", problem)) }
            lines.append(("score", "raw \(Format.score(entry.rawScore))   normalised \(Format.score(entry.normalisedScore))"
                + "   truth \(entry.groundTruth.shortText.isEmpty ? "–" : entry.groundTruth.shortText)"
                + "   label \(entry.label?.rawValue ?? "–")"))
        }
        if let threshold = state.threshold {
            lines.append(("threshold", "\(Format.score(threshold.value))  \(threshold.howChosen)"))
            if threshold.target != nil, let counts = state.confusion?.heldOut {
                lines.append(("held out", "TP \(counts.truePositives) FP \(counts.falsePositives) "
                    + "FN \(counts.falseNegatives) TN \(counts.trueNegatives)"))
            }
        }
        if let model = state.model {
            lines.append(("model", "\(model.name) · \(model.detector)" + (model.backbone.map { " · \($0)" } ?? "")
                + (model.trainingImages.map { " · \($0) training images" } ?? "")))
            var fit = model.fittedAt.map { "fitted \(Format.date($0))" } ?? "fitted –"
            if let seconds = model.fitSeconds { fit += String(format: " in %.1f s", seconds) }
            if let ms = model.scoringMilliseconds { fit += String(format: " · scoring %.0f ms/image", ms) }
            lines.append(("", fit))
        } else {
            lines.append(("model", "none yet: press t to train"))
        }
        for (i, line) in lines.prefix(inner.height).enumerated() {
            buffer.text(line.0, x: inner.x + 1, y: inner.y + i, style: theme.dim, maxWidth: 10)
            buffer.text(line.1, x: inner.x + 11, y: inner.y + i, style: theme.base, maxWidth: inner.width - 12)
        }
    }
}
