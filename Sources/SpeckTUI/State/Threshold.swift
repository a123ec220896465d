import SpeckEvaluation

/// The threshold in force: raw-score units, and how it was set.
public struct Threshold: Sendable, Equatable {
    public var value: Float
    /// The model's own threshold and how it was chosen ("F1-optimal on ...").
    public var automatic: Float
    public var automaticMethod: String
    /// The target `value` was chosen for (the `=` prompt), until it is moved by hand.
    public var target: ThresholdTarget?

    public init(automatic: Float, method: String) {
        value = automatic
        self.automatic = automatic
        automaticMethod = method
    }

    public var isManual: Bool { target == nil && value != automatic }
    public var howChosen: String {
        if let target { return "target \(target)" }
        return isManual ? "manual (auto \(Format.score(automatic)))" : "auto: \(automaticMethod)"
    }
}
