/// An input file that was left out, and why.
public struct SkippedFile: Sendable, Equatable, Codable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
    public var description: String { "\(path): \(reason)" }
}
