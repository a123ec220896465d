import Foundation

/// How the comparison reports (the workstation's and `speck compare`'s) write figures in columns.
public enum ReportText {
    public static func figure(_ value: Double) -> String { String(format: "%.4g", value) }
    public static func ratio(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }
    /// `text` padded to `width`, or followed by one space when it is as wide or wider.
    public static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
    }
}
