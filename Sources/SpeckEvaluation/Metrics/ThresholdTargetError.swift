/// A `--threshold` (or prompt) text that is not a threshold target, with why.
public struct ThresholdTargetError: Error, Equatable, CustomStringConvertible {
    public var text: String
    public var reason: String

    public var description: String { "'\(text)' is not a threshold target: \(reason)" }
}
