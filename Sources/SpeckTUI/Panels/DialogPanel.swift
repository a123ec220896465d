/// Centred dialogs: the train form, the quit question, text reports.
public struct DialogPanel {
    public static func draw(_ overlay: Overlay, into buffer: inout ScreenBuffer, theme: Theme) {
        switch overlay {
        case .help: break
        case .confirmQuit:
            box(title: "Quit?", lines: [("A job is running. Quit anyway?", theme.base), ("", theme.base),
                                        ("y quit    n / Esc stay", theme.dim)], into: &buffer, theme: theme)
        case .trainForm(let form):
            var lines: [(String, Style)] = [("Pick a detector (j/k, Enter trains, Esc cancels):", theme.base), ("", theme.base)]
            if let note = form.note { lines.insert(contentsOf: [("⚠ " + note, theme.warn), ("", theme.base)], at: 0) }
            for (i, choice) in form.choices.enumerated() {
                let marker = i == form.selected ? "▸ " : "  "
                let text = marker + choice.kind.padding(toLength: 10, withPad: " ", startingAt: 0) + choice.summary
                    + (choice.unavailableReason.map { "  [\($0)]" } ?? "")
                let style = choice.unavailableReason != nil ? theme.dim : (i == form.selected ? theme.selected : theme.base)
                lines.append((text, style))
            }
            box(title: "Train a model", lines: lines, into: &buffer, theme: theme)
        case .report(let title, let reportLines):
            box(title: title, lines: reportLines.map { ($0, theme.base) } + [("", theme.base), ("Esc closes", theme.dim)],
                into: &buffer, theme: theme)
        }
    }

    static func box(title: String, lines: [(String, Style)], into buffer: inout ScreenBuffer, theme: Theme) {
        let width = min(buffer.width - 4, max(title.count + 6, (lines.map(\.0.count).max() ?? 0) + 6))
        let height = min(buffer.height - 2, lines.count + 4)
        let rect = Rect(x: (buffer.width - width) / 2, y: (buffer.height - height) / 2, width: width, height: height)
        buffer.fill(rect, style: theme.base)
        buffer.box(rect, style: theme.frame, title: title, titleStyle: theme.title)
        for (i, line) in lines.prefix(rect.height - 4).enumerated() {
            buffer.paddedText(line.0, x: rect.x + 2, y: rect.y + 2 + i, width: rect.width - 4, style: line.1)
        }
    }
}
