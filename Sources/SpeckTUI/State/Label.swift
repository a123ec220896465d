/// An inspector's verdict on one image, kept in the workspace.
public enum Label: String, Sendable, Equatable {
    /// Labelled good: a false positive becomes training data on retrain.
    case normal
    case anomalous

    public var mark: String { self == .normal ? "✓" : "✗" }
}
