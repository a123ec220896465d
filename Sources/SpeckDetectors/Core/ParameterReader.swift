import Foundation

/// Reads a detector's `key=value` parameters with defaults, ranges and clear
/// errors, so every detector validates its options the same way. It also
/// notes the value it settled on for every key read (given or default):
/// `recorded` is what the model file keeps, so a model says everything it
/// was fitted with.
public final class ParameterReader: @unchecked Sendable {
    public let detector: String
    public let values: [String: String]
    private let lock = NSLock()
    private var settled: [String: String] = [:]

    public init(detector: String, values: [String: String]) {
        self.detector = detector
        self.values = values
    }

    /// Every key read so far with the value used (the given text, else the default).
    public var recorded: [String: String] { lock.withLock { settled } }

    /// Notes a value decided outside the reader (e.g. taps resolved against the backbone).
    public func record(_ key: String, _ value: String) {
        lock.withLock { settled[key] = value }
    }

    /// Refuses keys the detector does not know (a typo must not be ignored silently).
    public func rejectUnknown(known: [String]) throws {
        let unknown = values.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw DetectorError.invalidParameter(
                "\(detector) has no parameter \(unknown.joined(separator: ", ")) (known: \(known.joined(separator: ", ")))")
        }
    }

    public func int(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = values[key] else { return settle(key, fallback, "\(fallback)") }
        guard let value = Int(text), range.contains(value) else {
            throw DetectorError.invalidParameter("\(detector) \(key)=\(text): expected a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return settle(key, value, text)
    }

    public func double(_ key: String, default fallback: Double, in range: ClosedRange<Double>) throws -> Double {
        guard let text = values[key] else { return settle(key, fallback, "\(fallback)") }
        guard let value = Double(text), range.contains(value) else {
            throw DetectorError.invalidParameter("\(detector) \(key)=\(text): expected a number in \(range.lowerBound)...\(range.upperBound)")
        }
        return settle(key, value, text)
    }

    public func choice(_ key: String, default fallback: String, among allowed: [String]) throws -> String {
        guard let text = values[key] else { return settle(key, fallback, fallback) }
        guard allowed.contains(text) else {
            throw DetectorError.invalidParameter("\(detector) \(key)=\(text): expected one of \(allowed.joined(separator: ", "))")
        }
        return settle(key, text, text)
    }

    /// The image score rule of `score=...` (see `ImageScoreRule`); `own` is the
    /// detector's own rule when it has one besides max and top-k.
    public func imageScore(default fallback: ImageScoreRule, own: ImageScoreRule? = nil) throws -> ImageScoreRule {
        guard let text = values["score"] else { return settle("score", fallback, fallback.text) }
        let rule = try ImageScoreRule(parsing: text, detector: detector, own: own)
        return settle("score", rule, rule.text)
    }

    private func settle<T>(_ key: String, _ value: T, _ text: String) -> T {
        record(key, text)
        return value
    }
}
