import Foundation
import SpeckEvaluation
import SpeckImaging

/// Small shared printing helpers of the batch commands.
enum BatchReport {
    /// Lists skipped files on stderr, one per line.
    static func listProblems(_ skipped: [ImageError], progress: ProgressBar) {
        guard !skipped.isEmpty else { return }
        progress.note("skipped \(skipped.count) file(s):")
        for file in skipped { progress.note("  \(file.path): \(file.reason)") }
    }

    /// Runs `body`; when it fails after skipping files, lists them before the error.
    static func listingSkipped<T>(progress: ProgressBar, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let failure as FailureAfterSkips {
            progress.clear()
            listProblems(failure.skipped, progress: progress)
            throw failure.error
        }
    }

    static func figure(_ value: Double?) -> String {
        value.map { String(format: "%.3f", $0) } ?? "—"
    }

    static func figure(_ value: Float?) -> String {
        value.map { $0.magnitude >= 1000 || ($0 != 0 && $0.magnitude < 0.01) ? String(format: "%.4g", $0) : String(format: "%.3f", $0) } ?? "—"
    }

    /// Writes text atomically (temp file + rename).
    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot write \(path)"])
        }
    }
}
