import Foundation

/// What a threshold should achieve on labelled scores, as `speck train
/// --threshold` and the workstation's prompt spell it: `recall=1.0`,
/// `fpr=0.01`, `precision=0.95`, `f1` or `quantile=0.99`.
public enum ThresholdTarget: Sendable, Equatable, CustomStringConvertible {
    /// The highest threshold that still finds this share of the labelled defects.
    case recall(Double)
    /// The lowest threshold that flags at most this share of the labelled normal images.
    case falsePositiveRate(Double)
    /// The lowest threshold whose flagged images are at least this share defective.
    case precision(Double)
    /// The threshold with the best F1 on the labelled images.
    case f1
    /// This quantile of the normal images' scores.
    case quantile(Double)

    /// The forms accepted, for error messages and help.
    public static let forms = "recall=R, fpr=F, precision=P, f1 or quantile=Q"

    /// Parses `name=value` (or `f1`); the error names the bad part and the forms accepted.
    public init(parsing text: String) throws {
        let spec = text.trimmingCharacters(in: .whitespaces)
        let parts = spec.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
        let valueText = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        func fail(_ why: String) -> ThresholdTargetError { ThresholdTargetError(text: text, reason: why) }
        if name == "f1" {
            guard valueText == nil else { throw fail("f1 takes no value") }
            self = .f1
            return
        }
        guard ["recall", "fpr", "precision", "quantile"].contains(name) else {
            throw fail(name.isEmpty ? "no target given; use \(Self.forms)" : "unknown target '\(name)'; use \(Self.forms)")
        }
        guard let valueText, !valueText.isEmpty else { throw fail("\(name) needs a value, e.g. \(name)=\(Self.example(name))") }
        guard let value = Double(valueText), value.isFinite else { throw fail("'\(valueText)' is not a number") }
        switch name {
        case "recall":
            guard value > 0, value <= 1 else { throw fail("recall must be above 0 and at most 1") }
            self = .recall(value)
        case "fpr":
            guard value >= 0, value < 1 else { throw fail("fpr must be at least 0 and below 1") }
            self = .falsePositiveRate(value)
        case "precision":
            guard value > 0, value <= 1 else { throw fail("precision must be above 0 and at most 1") }
            self = .precision(value)
        default:
            guard value > 0, value < 1 else { throw fail("quantile must be between 0 and 1") }
            self = .quantile(value)
        }
    }

    /// The canonical spelling, which `init(parsing:)` reads back.
    public var description: String {
        switch self {
        case .recall(let r): return "recall=\(Self.number(r))"
        case .falsePositiveRate(let f): return "fpr=\(Self.number(f))"
        case .precision(let p): return "precision=\(Self.number(p))"
        case .f1: return "f1"
        case .quantile(let q): return "quantile=\(Self.number(q))"
        }
    }

    private static func number(_ value: Double) -> String { String(format: "%g", value) }

    private static func example(_ name: String) -> String {
        ["recall": "1.0", "fpr": "0.01", "precision": "0.95", "quantile": "0.99"][name] ?? "1"
    }
}
