/// What a rescan found, by root-relative path.
public struct RescanReport: Sendable, Equatable {
    public var added: [String] = []
    /// Contents changed: their scores and cached maps were dropped.
    public var changed: [String] = []
    /// Files that disappeared (kept as missing, with their labels).
    public var removed: [String] = []
    /// Missing files that came back unchanged.
    public var restored: [String] = []
    /// Size or modification time moved but the contents are the same.
    public var touched = 0
    public var unchanged = 0
    /// Scores dropped because their image changed.
    public var invalidatedScores = 0
    /// Files or folders that could not be listed, with the reason.
    public var problems: [String] = []

    public var total: Int { added.count + changed.count + restored.count + touched + unchanged }

    public init() {}
}
