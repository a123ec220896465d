/// The threshold in force: raw-score units, and how it was set.
public struct Threshold: Sendable, Equatable {
    public var value: Float
    /// The model's own threshold and how it was chosen ("F1-optimal on ...").
    public var automatic: Float
    public var automaticMethod: String

    public init(automatic: Float, method: String) {
        value = automatic
        self.automatic = automatic
        automaticMethod = method
    }

    public var isManual: Bool { value != automatic }
    public var howChosen: String { isManual ? "manual (auto \(Format.score(automatic)))" : "auto: \(automaticMethod)" }
}
