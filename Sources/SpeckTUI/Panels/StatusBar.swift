import Foundation

/// The two bottom lines: messages and job progress, then key hints.
public struct StatusBar {
    public static func draw(_ state: WorkstationState, keymap: Keymap, into buffer: inout ScreenBuffer,
                            messageLine: Rect, statusLine: Rect, theme: Theme) {
        buffer.fill(messageLine, style: theme.base)
        var left: (text: String, style: Style)?
        if let prompt = state.thresholdPrompt {
            // What is typed comes first, so a narrow screen drops only examples.
            left = (" threshold target: \(prompt)▏   e.g. recall=1, fpr=0.01, precision=0.95, f1, quantile=0.99 · Esc cancels",
                    theme.title)
        } else if let message = state.message {
            left = (" " + message, state.messageIsError ? theme.bad : theme.base)
        }
        var right = ""
        if let job = state.job {
            // The job gets what the message does not need, but leaves it a fifth of the line.
            let messageRoom = left.map { min(TextFit.width($0.text) + 1, messageLine.width / 5) } ?? 0
            right = jobText(job, width: messageLine.width - messageRoom)
        }
        let rightWidth = TextFit.width(right)
        if let left {
            buffer.text(TextFit.abbreviate(left.text, width: messageLine.width - rightWidth), x: messageLine.x,
                        y: messageLine.y, style: left.style)
        }
        if !right.isEmpty {
            buffer.text(right, x: messageLine.maxX - rightWidth, y: messageLine.y, style: theme.title)
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

    /// The job's progress in at most `width` cells: bar, percentage and ETA stay
    /// whole; the description ("fit patchcore: coreset 12/60 …") is abbreviated.
    static func jobText(_ job: JobStatus, width: Int) -> String {
        let barWidth = max(5, min(30, width / 8))
        let progress = " " + Format.bar(job.fraction, width: barWidth) + String(format: " %3.0f%%", job.fraction * 100)
            + (job.eta().map { " ETA \(Format.seconds($0))" } ?? "") + "  Esc cancels "
        let description = " \(job.title): \(job.stage)" + (job.total > 0 ? " \(job.done)/\(job.total)" : "")
            + (job.detail.map { " " + $0 } ?? "")
        return TextFit.abbreviate(description, width: width - TextFit.width(progress)) + progress
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
