/// Centred dialogs: the train form, the quit question, text reports.
public struct DialogPanel {
    public static func draw(_ overlay: Overlay, into buffer: inout ScreenBuffer, theme: Theme) {
        switch overlay {
        case .help: break
        case .confirmQuit:
            box(title: "Quit?", lines: [DialogLine("A job is running. Quit anyway?", theme.base), DialogLine("", theme.base),
                                        DialogLine("y quit    n / Esc stay", theme.dim)], into: &buffer, theme: theme)
        case .trainForm(let form):
            var lines = [DialogLine("Pick a detector (j/k, Enter trains, Esc cancels):", theme.base), DialogLine("", theme.base)]
            if let note = form.note { lines.insert(contentsOf: [DialogLine("⚠ " + note, theme.warn, hangingIndent: 2), DialogLine("", theme.base)], at: 0) }
            for (i, choice) in form.choices.enumerated() {
                let marker = i == form.selected ? "▸ " : "  "
                let text = marker + choice.kind.padding(toLength: 10, withPad: " ", startingAt: 0) + choice.summary
                    + (choice.unavailableReason.map { "  [\($0)]" } ?? "")
                let style = choice.unavailableReason != nil ? theme.dim : (i == form.selected ? theme.selected : theme.base)
                lines.append(DialogLine(text, style, hangingIndent: 12, isListEntry: true))
            }
            if let caption = form.lastComparison.first {
                // Table rows must not wrap (columns would break): list entries give up first.
                lines += [DialogLine("", theme.base), DialogLine(caption, theme.dim)]
                lines += form.lastComparison.dropFirst().map { DialogLine($0, theme.base, isListEntry: true) }
            }
            box(title: "Train a model", lines: lines, into: &buffer, theme: theme)
        case .report(let title, let reportLines):
            box(title: title, lines: reportLines.map { DialogLine($0, theme.base) } + [DialogLine("", theme.base), DialogLine("Esc closes", theme.dim)],
                into: &buffer, theme: theme)
        }
    }

    static func box(title: String, lines: [DialogLine], into buffer: inout ScreenBuffer, theme: Theme) {
        let width = min(buffer.width - 4, max(title.count + 6, (lines.map { TextFit.width($0.text) }.max() ?? 0) + 6))
        let rows = DialogLine.rows(lines, width: width - 4, height: buffer.height - 6)
        let height = min(buffer.height - 2, rows.count + 4)
        let rect = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(rect, style: theme.base)
        buffer.box(rect, style: theme.frame, title: title, titleStyle: theme.title)
        for (i, row) in rows.prefix(rect.height - 4).enumerated() {
            buffer.paddedText(row.text, x: rect.x + 2, y: rect.y + 2 + i, width: rect.width - 4, style: row.style)
        }
    }
}
