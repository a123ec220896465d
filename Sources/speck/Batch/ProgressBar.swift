import Foundation

/// A one-line progress bar on stderr, drawn only when stderr is a terminal
/// (quiet when piped or redirected). Redraws at most ~20 times a second.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private var lastDraw = 0.0
    private var lastStage = ""
    private var drawn = false

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) { self.enabled = enabled }

    func update(_ stage: String, done: Int, total: Int) { update(stage, done: done, total: total, detail: nil) }

    func update(_ stage: String, done: Int, total: Int, detail: String?) {
        guard enabled else { return }
        lock.withLock {
            let now = Date().timeIntervalSinceReferenceDate
            guard stage != lastStage || done >= total || now - lastDraw > 0.05 else { return }
            lastDraw = now
            lastStage = stage
            let width = 30
            let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\u{1b}[2K\(stage) \(bar) \(done)/\(total)\(detail.map { "  " + $0 } ?? "")".utf8))
            drawn = true
        }
    }

    /// Removes the bar so the next output starts on a clean line.
    func clear() {
        guard enabled else { return }
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\r\u{1b}[2K".utf8)) }
            drawn = false
        }
    }

    /// A message on its own line, above the bar.
    func note(_ message: String) {
        clear()
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
