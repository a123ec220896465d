/// One row of the keymap: the keys, what they do, and how help shows them.
public struct KeyBinding: Sendable {
    public enum Group: String, Sendable, CaseIterable {
        case navigate = "Navigate"
        case zoom = "Zoomed view"
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
    /// Where the binding works: the full-screen view lends j/k and the arrows to panning,
    /// and hides the list that filtering, sorting and paging act on.
    public var scope: Scope

    public enum Scope: Sendable {
        case everywhere
        case listView
        case zoomedView
    }

    public init(_ keys: [Key], _ action: Action, _ summary: String, _ group: Group, hint: String? = nil,
                scope: Scope = .everywhere) {
        self.keys = keys
        self.action = action
        self.summary = summary
        self.group = group
        self.hint = hint
        self.scope = scope
    }

    public var keyLabel: String { keys.map(\.label).joined(separator: " ") }
}
