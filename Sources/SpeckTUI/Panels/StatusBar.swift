import Foundation

/// The two bottom lines: messages and job progress, then key hints.
public struct StatusBar {
    public static func draw(_ state: WorkstationState, keymap: Keymap, into buffer: inout ScreenBuffer,
                            messageLine: Rect, statusLine: Rect, theme: Theme) {
        buffer.fill(messageLine, style: theme.base)
        var right = ""
        if let job = state.job {
            let barWidth = max(10, min(30, messageLine.width / 5))
            right = " \(job.title): \(job.stage) \(job.total > 0 ? "\(job.done)/\(job.total) " : "")"
                + (job.detail.map { $0 + " " } ?? "")
                + Format.bar(job.fraction, width: barWidth)
                + String(format: " %3.0f%%", job.fraction * 100)
                + (job.eta().map { " ETA \(Format.seconds($0))" } ?? "") + "  Esc cancels "
        }
        if let prompt = state.thresholdPrompt {
            // What is typed comes first, so a narrow screen cuts only the examples.
            buffer.text(" threshold target: \(prompt)▏   e.g. recall=1, fpr=0.01, precision=0.95, f1, quantile=0.99 · Esc cancels",
                        x: messageLine.x, y: messageLine.y, style: theme.title, maxWidth: messageLine.width - right.count)
        } else if let message = state.message {
            buffer.text(" " + message, x: messageLine.x, y: messageLine.y,
                        style: state.messageIsError ? theme.bad : theme.base, maxWidth: messageLine.width - right.count)
        }
        if !right.isEmpty {
            buffer.text(right, x: messageLine.maxX - right.count, y: messageLine.y, style: theme.title)
        }
        let barStyle = Style(foreground: theme.muted, background: theme.selectionBackground.mixed(with: theme.background, amount: 0.6))
        buffer.fill(statusLine, style: barStyle)
        var column = statusLine.x + 1
        for binding in keymap.bindings where binding.hint != nil {
            let keys = hintKeys(binding, keymap: keymap)
            guard column + keys.count + binding.hint!.count + 3 < statusLine.maxX else { break }
            column += buffer.text(keys, x: column, y: statusLine.y, style: barStyle.with(foreground: theme.accent).emphasised)
            column += buffer.text(" \(binding.hint!)  ", x: column, y: statusLine.y, style: barStyle)
        }
    }

    /// Related bindings share one hint ("j/k move", "[ ] threshold", "f/a/u label").
    static func hintKeys(_ binding: KeyBinding, keymap: Keymap) -> String {
        switch binding.action {
        case .moveDown: return "j/k"
        case .thresholdUpFine: return "[ ]"
        case .labelNormal: return "f/a/u"
        case .zoomIn: return "+/-"
        case .panLeft: return "hjkl"
        case .nextImage: return "n/p"
        default: return binding.keys.first?.label ?? ""
        }
    }
}
