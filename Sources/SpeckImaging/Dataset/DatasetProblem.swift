/// A file or folder that could not be listed, and why (broken link, loop, no permission...).
public struct DatasetProblem: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
