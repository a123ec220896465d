/// A file that could not be read, decoded, written or listed, and why.
/// Printed as "<path>: <reason>" so a user can act on it directly; encodes to
/// JSON as {"path", "reason"} (the skipped files of `speck eval --json`).
public struct ImageError: Error, CustomStringConvertible, Sendable, Equatable, Codable {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
