import SpeckTensor

/// One node of a forward pass: a value and how to send a gradient back to the
/// inputs it was computed from. See `SpeckLearning` for the whole design.
public final class Variable {
    public let value: Tensor
    /// The parameter this leaf reads, if any: its gradient is collected.
    public let parameter: Parameter?
    let inputs: [Variable]
    /// Given dLoss/dValue, returns dLoss/dInput for each input (nil: no gradient).
    let propagate: ((Tensor) -> [Tensor?])?

    /// Whether any gradient can flow through this node to a parameter.
    public let needsGradient: Bool

    /// A constant: data, targets, masks.
    public init(_ value: Tensor) {
        self.value = value
        self.parameter = nil
        self.inputs = []
        self.propagate = nil
        self.needsGradient = false
    }

    /// A leaf that reads a parameter's current value. Inside
    /// `GradientMode.withoutGradients` it is a constant: nothing downstream
    /// records a graph.
    public init(_ parameter: Parameter) {
        self.value = parameter.value
        self.parameter = parameter
        self.inputs = []
        self.propagate = nil
        self.needsGradient = GradientMode.recording
    }

    /// The result of an op. `backward` is only kept when an input needs it.
    init(_ value: Tensor, inputs: [Variable], backward: @escaping (Tensor) -> [Tensor?]) {
        self.value = value
        self.parameter = nil
        let needed = inputs.contains { $0.needsGradient }
        self.inputs = needed ? inputs : []
        self.propagate = needed ? backward : nil
        self.needsGradient = needed
    }

    public var shape: [Int] { value.shape }
    public var count: Int { value.count }

    /// The value of a one-element variable (a loss).
    public var scalar: Float {
        precondition(value.count == 1, "scalar of a \(value.shape) variable")
        return value.data[0]
    }
}
