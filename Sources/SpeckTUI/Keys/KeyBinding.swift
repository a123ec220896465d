/// One row of the keymap: the keys, what they do, and how help shows them.
public struct KeyBinding: Sendable {
    public enum Group: String, Sendable, CaseIterable {
        case navigate = "Navigate"
        case view = "View"
        case threshold = "Threshold"
        case model = "Model"
        case label = "Label"
        case app = "App"
    }

    public var keys: [Key]
    public var action: Action
    public var summary: String
    public var group: Group
    /// Shown in the status-bar hints (the most useful few).
    public var hint: String?

    public init(_ keys: [Key], _ action: Action, _ summary: String, _ group: Group, hint: String? = nil) {
        self.keys = keys
        self.action = action
        self.summary = summary
        self.group = group
        self.hint = hint
    }

    public var keyLabel: String { keys.map(\.label).joined(separator: " ") }
}
