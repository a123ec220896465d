import Foundation

/// A label exchange file that cannot be read, with the line (CSV) and the reason.
public struct LabelFileError: Error, CustomStringConvertible, LocalizedError, Equatable {
    public var line: Int?
    public var problem: String
    public var description: String { line.map { "line \($0): \(problem)" } ?? problem }
    public var errorDescription: String? { description }
}
