import Foundation

/// The text table of a `DetectorComparison`: the full one `speck eval` prints
/// and a compact one the workstation's train dialog shows.
public struct DetectorComparisonTable: Sendable {
    public let comparison: DetectorComparison

    public init(_ comparison: DetectorComparison) { self.comparison = comparison }

    /// Every column: figures as mean±spread when an entry ran with several seeds.
    public var lines: [String] {
        let header = ["detector", "image AUROC", "pixel AUROC", "AUPRO", "fit s", "fit CPU s", "ms/image"]
        let cells = comparison.rows.map { row -> [String] in
            guard row.runs.isEmpty else {
                return [row.entry, figure(row.imageAUROC), figure(row.pixelAUROC), figure(row.aupro),
                        seconds(row.fitSeconds), seconds(row.fitCPUSeconds), seconds(row.scoreMillisecondsPerImage)]
            }
            return [row.entry, "failed", "", "", "", "", ""]
        }
        var out = Self.align([header] + cells)
        out += notes
        return out
    }

    /// Entry and the three figures: what fits a dialog.
    public var compactLines: [String] {
        let header = ["detector", "img AUROC", "px AUROC", "AUPRO", "fit s"]
        let cells = comparison.rows.map { row in
            row.runs.isEmpty ? [row.entry, "failed", "", "", ""]
                : [row.entry, figure(row.imageAUROC), figure(row.pixelAUROC), figure(row.aupro), seconds(row.fitSeconds)]
        }
        return Self.align([header] + cells)
    }

    /// Where and when the comparison ran, for the dialog's heading.
    public var caption: String {
        let name = (comparison.dataset as NSString).lastPathComponent
        let seeds = comparison.seeds > 1 ? ", \(comparison.seeds) seeds (mean±spread)" : ""
        return "Last comparison on \(name) (\(comparison.finished.prefix(16).replacingOccurrences(of: "T", with: " ")) UTC\(seeds)):"
    }

    private var notes: [String] {
        var out: [String] = []
        if comparison.seeds > 1 {
            out.append("a±b: mean ± spread (max − min) over the seeds run; times are means")
            let once = comparison.rows.filter { $0.error == nil && $0.runs.count == 1 && $0.runs[0].seed == nil }.map(\.entry)
            if !once.isEmpty { out.append("ran once (no random element): \(once.joined(separator: ", "))") }
        }
        for row in comparison.rows {
            if let error = row.error { out.append("\(row.entry): \(error)") }
            if !row.runs.isEmpty, row.pixelAUROC == nil { out.append("\(row.entry): no anomaly map (or no masks): pixel figures n/a") }
        }
        return out
    }

    private func figure(_ value: MetricSpread?) -> String {
        guard let value else { return "n/a" }
        return value.count > 1 ? String(format: "%.3f±%.3f", value.mean, value.spread) : String(format: "%.3f", value.mean)
    }

    private func seconds(_ value: MetricSpread?) -> String {
        value.map { String(format: "%.1f", $0.mean) } ?? "—"
    }

    /// First column left-aligned, the others right-aligned, two spaces apart.
    static func align(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == 0 ? cell.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - cell.count) + cell
            }.joined(separator: "  ")
        }
    }
}
