/// The image list: name, score bar, score, verdict against the threshold,
/// label mark, ground truth; unreadable files show their reason.
public struct ImageListPanel {
    public static func draw(_ state: inout WorkstationState, into buffer: inout ScreenBuffer, rect: Rect, theme: Theme) {
        let list = state.list
        var title = "Images \(list.order.count)"
        if list.order.count != list.entries.count { title += "/\(list.entries.count)" }
        title += " · sort: \(list.sort.rawValue)"
        if state.filterEditing || !list.filter.isEmpty { title += " · /\(list.filter)" + (state.filterEditing ? "▏" : "") }
        if let range = list.selectedRange { title += " · \(range.count) selected" }
        buffer.box(rect, style: theme.frame, title: title, titleStyle: theme.title)
        let inner = rect.inner
        guard !inner.isEmpty else { return }
        state.list.scroll(toShow: inner.height)
        let columns = Columns(width: inner.width)
        let range = scoreRange(state)
        let visible = state.list.visible
        for row in 0..<inner.height {
            let position = state.list.scrollTop + row
            guard position < visible.count else { break }
            let entry = visible[position]
            let isSelected = position == state.list.selected
            let inRange = list.selectedRange?.contains(position) ?? false
            drawRow(entry, selected: isSelected, marked: inRange, columns: columns, range: range, threshold: state.threshold?.value,
                    into: &buffer, x: inner.x, y: inner.y + row, theme: theme)
        }
        if visible.isEmpty {
            buffer.text(list.filter.isEmpty ? "no images" : "no image matches '\(list.filter)'",
                        x: inner.x + 1, y: inner.y, style: theme.dim, maxWidth: inner.width - 1)
        }
    }

    struct Columns {
        let width: Int
        let bar: Int
        let truth: Int
        var name: Int { width - 2 - 7 - 5 - 2 - bar - truth }
        init(width: Int) {
            self.width = width
            bar = width >= 40 ? 7 : 0
            truth = width >= 48 ? 10 : 0
        }
    }

    static func scoreRange(_ state: WorkstationState) -> (Float, Float) {
        let scores = state.scores
        let low = min(scores.min() ?? 0, state.threshold?.value ?? .infinity)
        let high = max(scores.max() ?? 1, state.threshold?.value ?? -.infinity)
        return (low, high > low ? high : low + 1)
    }

    static func drawRow(_ entry: ImageEntry, selected: Bool, marked: Bool = false, columns: Columns, range: (Float, Float), threshold: Float?,
                        into buffer: inout ScreenBuffer, x: Int, y: Int, theme: Theme) {
        // Rows of a range selection (`V`) look selected, with a square instead of the cursor's arrow.
        let base = selected || marked ? theme.selected : theme.base
        buffer.fill(Rect(x: x, y: y, width: columns.width, height: 1), style: base)
        var column = x
        column += buffer.text(selected ? "▸ " : marked ? "▪ " : "  ", x: column, y: y, style: base)
        let name = truncated(entry.relativePath, to: columns.name)
        buffer.text(name, x: column, y: y, style: base, maxWidth: columns.name)
        column += columns.name
        if let problem = entry.problem {
            buffer.paddedText(" ⚠ \(problem)", x: column, y: y, width: x + columns.width - column,
                              style: selected || marked ? base : theme.warn.with(background: base.background))
            return
        }
        if columns.bar > 0 {
            let fraction = entry.rawScore.map { Double(($0 - range.0) / (range.1 - range.0)) } ?? 0
            let flagged = threshold.map { (entry.rawScore ?? -.infinity) >= $0 } ?? false
            let barStyle = (flagged ? theme.bad : theme.good).with(background: base.background)
            buffer.text(" " + Format.bar(fraction, width: columns.bar - 1), x: column, y: y, style: barStyle)
            column += columns.bar
        }
        let score = Format.score(entry.rawScore)
        buffer.text(String(repeating: " ", count: max(0, 7 - score.count)) + score, x: column, y: y, style: base)
        column += 7
        let verdict: (String, Style)
        if let score = entry.rawScore, let threshold {
            verdict = score >= threshold ? (" FLAG", theme.bad) : ("   ok", theme.good)
        } else {
            verdict = ("    ·", theme.dim)
        }
        buffer.text(verdict.0, x: column, y: y, style: selected || marked ? base : verdict.1.with(background: base.background))
        column += 5
        buffer.text(" " + (entry.label?.mark ?? " "), x: column, y: y,
                    style: selected || marked ? base : (entry.label == .anomalous ? theme.bad : theme.good))
        column += 2
        if columns.truth > 0 {
            let truth = entry.groundTruth.shortText
            let style = entry.groundTruth.isAnomalous == true ? theme.bad : theme.dim
            buffer.text(" " + truncated(truth, to: columns.truth - 1), x: column, y: y,
                        style: selected || marked ? base : style.with(background: base.background))
        }
    }

    /// Keeps the end of a path (the file name matters most): "…ken_large/000.png".
    static func truncated(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        return "…" + String(text.suffix(width - 1))
    }

    /// The list row under a mouse click, if any.
    public static func position(atY y: Int, rect: Rect, scrollTop: Int) -> Int? {
        let inner = rect.inner
        guard y >= inner.y, y < inner.maxY else { return nil }
        return scrollTop + y - inner.y
    }
}
