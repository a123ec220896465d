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
            // In the "label next" sort the value alone: the queue's reason below needs the rows.
            lines.append(("threshold", Format.score(threshold.value)
                + (state.list.sort == .labelNext ? "" : "  \(threshold.howChosen)")))
            if threshold.target != nil, let counts = state.confusion?.heldOut {
                lines.append(("held out", "TP \(counts.truePositives) FP \(counts.falsePositives) "
                    + "FN \(counts.falseNegatives) TN \(counts.trueNegatives)"))
            }
        }
        // In the "label next" sort, why the image is queued takes the model's rows (the header bar names the model).
        if state.list.sort == .labelNext, let entry = state.list.selectedEntry,
           let reason = state.list.queue.reasons[entry.id], let rank = state.list.queue.rank(of: entry.id) {
            lines.append(("queue", "#\(rank + 1) to label: \(reason)"))
        } else if let model = state.model {
            lines.append(("model", "\(model.name) · \(model.detector)" + (model.backbone.map { " · \($0)" } ?? "")
                + (model.trainingImages.map { " · \($0) training images" } ?? "")))
            var fit = model.fittedAt.map { "fitted \(Format.date($0))" } ?? "fitted –"
            if let seconds = model.fitSeconds { fit += String(format: " in %.1f s", seconds) }
            if let ms = model.scoringMilliseconds { fit += String(format: " · scoring %.0f ms/image", ms) }
            lines.append(("", fit))
        } else {
            lines.append(("model", "none yet: press t to train"))
        }
        let valueWidth = inner.width - 11
        for (i, row) in fitted(lines, width: valueWidth, height: inner.height).enumerated() {
            buffer.text(row.label, x: inner.x + 1, y: inner.y + i, style: theme.dim, maxWidth: 10)
            buffer.text(row.value, x: inner.x + 11, y: inner.y + i, style: theme.base, maxWidth: valueWidth)
        }
    }

    /// Wraps each value under its label, leaving every later line at least one
    /// row; a value with less room than it needs ends in "…".
    static func fitted(_ lines: [(String, String)], width: Int, height: Int) -> [(label: String, value: String)] {
        var rows: [(label: String, value: String)] = []
        for (i, line) in lines.enumerated() {
            guard rows.count < height else { break }
            let room = max(1, height - rows.count - (lines.count - i - 1))
            let wrapped = TextFit.wrap(line.1, width: width, maxLines: room)
            rows += (wrapped.isEmpty ? [""] : wrapped).enumerated().map { ($0.offset == 0 ? line.0 : "", $0.element) }
        }
        return rows
    }
}
