/// Something drawn over the main screen that takes the keys while open.
public enum Overlay: Sendable, Equatable {
    case help
    case trainForm(TrainForm)
    case confirmQuit
    /// Text lines (e.g. the before/after comparison of a retrain).
    case report(title: String, lines: [String])
}

/// The `t` form: pick a detector (and see why one is unavailable).
public struct TrainForm: Sendable, Equatable {
    public struct Choice: Sendable, Equatable {
        public var kind: String
        public var summary: String
        /// Why it cannot be used here (e.g. weights missing), or nil.
        public var unavailableReason: String?

        public init(kind: String, summary: String, unavailableReason: String? = nil) {
            self.kind = kind
            self.summary = summary
            self.unavailableReason = unavailableReason
        }
    }

    public var choices: [Choice]
    public var selected: Int
    /// Shown above the choices (e.g. why some are unavailable).
    public var note: String?
    /// The last `speck eval --detector a,b,...` on this folder, as a caption
    /// and table rows (empty when there was none), shown below the choices.
    public var lastComparison: [String]

    public init(choices: [Choice], selected: Int, note: String? = nil, lastComparison: [String] = []) {
        self.choices = choices
        self.selected = selected
        self.note = note
        self.lastComparison = lastComparison
    }
}
