import Foundation
import SpeckWorkspace

/// Prints what a rescan found: counts, then the paths of each change (the
/// first few unless verbose) and any files that could not be listed.
struct RescanSummary {
    var report: RescanReport
    var verbose: Bool

    func print() {
        Swift.print("\(report.total) images: \(report.added.count) new, \(report.changed.count) changed, "
            + "\(report.removed.count) gone, \(report.restored.count) back, \(report.touched) touched, "
            + "\(report.unchanged) unchanged")
        if report.invalidatedScores > 0 {
            Swift.print("dropped \(report.invalidatedScores) scores of changed images")
        }
        list("new", report.added)
        list("changed", report.changed)
        list("gone", report.removed)
        list("back", report.restored)
        for problem in report.problems {
            FileHandle.standardError.write(Data("warning: \(problem)\n".utf8))
        }
    }

    private func list(_ title: String, _ paths: [String]) {
        let shown = verbose ? paths : Array(paths.prefix(5))
        for path in shown { Swift.print("  \(title): \(path)") }
        if shown.count < paths.count { Swift.print("  ... and \(paths.count - shown.count) more \(title) (--verbose lists all)") }
    }
}
