import Foundation

/// Number formatting shared by the panels.
enum Format {
    static func score(_ value: Float?) -> String {
        guard let value, value.isFinite else { return "–" }
        let magnitude = abs(value)
        if magnitude >= 1000 { return String(format: "%.0f", value) }
        if magnitude >= 10 { return String(format: "%.2f", value) }
        return String(format: "%.3f", value)
    }

    static func ratio(_ value: Double?) -> String {
        guard let value else { return " – " }
        return String(format: "%.2f", value)
    }

    static func seconds(_ value: Double) -> String {
        if value < 60 { return String(format: "%.0fs", value.rounded(.up)) }
        return String(format: "%dm%02ds", Int(value) / 60, Int(value) % 60)
    }

    /// Made once: building a DateFormatter costs more than a whole frame.
    nonisolated(unsafe) private static let dateFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }()

    static func date(_ date: Date) -> String { dateFormatter.string(from: date) }

    /// A horizontal bar of `width` cells filled to `fraction`, with eighth-cell resolution.
    static func bar(_ fraction: Double, width: Int) -> String {
        guard width > 0 else { return "" }
        let eighths = Int((max(0, min(1, fraction)) * Double(width * 8)).rounded())
        let partials: [Character] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"].map { $0.first ?? " " }
        var text = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { text.append(partials[eighths % 8]) }
        return text + String(repeating: " ", count: max(0, width - text.count))
    }
}
