/// Reads a detector's `key=value` parameters with defaults, ranges and clear
/// errors, so every detector validates its options the same way.
public struct ParameterReader: Sendable {
    public let detector: String
    public let values: [String: String]

    public init(detector: String, values: [String: String]) {
        self.detector = detector
        self.values = values
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
        guard let text = values[key] else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw DetectorError.invalidParameter("\(detector) \(key)=\(text): expected a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    public func double(_ key: String, default fallback: Double, in range: ClosedRange<Double>) throws -> Double {
        guard let text = values[key] else { return fallback }
        guard let value = Double(text), range.contains(value) else {
            throw DetectorError.invalidParameter("\(detector) \(key)=\(text): expected a number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }

    public func choice(_ key: String, default fallback: String, among allowed: [String]) throws -> String {
        guard let text = values[key] else { return fallback }
        guard allowed.contains(text) else {
            throw DetectorError.invalidParameter("\(detector) \(key)=\(text): expected one of \(allowed.joined(separator: ", "))")
        }
        return text
    }
}
