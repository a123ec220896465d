import SpeckTensor

/// The network inside a coupling: passive channels (and an optional
/// condition) in, 2 · active channels (scale and shift) out. Its last layer
/// starts at zero, so a new coupling is the identity and a deep flow starts
/// stable (Glow, sec. 3.3).
public protocol CouplingSubnet: Module {
    func callAsFunction(_ x: Variable, condition: FlowCondition?) -> Variable
}

/// Two fully connected layers on rows [N, D] (CFLOW-AD, DifferNet). The
/// condition [N, K], if any, is appended to the input of the first layer.
public final class DenseSubnet: CouplingSubnet, Composite {
    public let hidden: Dense
    public let output: Dense
    public let inputs: Int
    public let conditionWidth: Int

    public init(_ name: String, inputs: Int, conditionWidth: Int = 0, hiddenWidth: Int, outputs: Int,
                rng: inout SeededGenerator) {
        self.inputs = inputs
        self.conditionWidth = conditionWidth
        hidden = Dense(name + ".hidden", inputs: inputs + conditionWidth, outputs: hiddenWidth, rng: &rng)
        output = Dense(name + ".output", inputs: hiddenWidth, outputs: outputs, initialiser: .constant(0), rng: &rng)
    }

    public var children: [any Module] { [hidden, output] }

    public func callAsFunction(_ x: Variable, condition: FlowCondition?) -> Variable {
        if let share = condition?.shares[ObjectIdentifier(self)] {
            let inputWeight = Variable(hidden.weight).slice(axis: 1, 0..<inputs)
            return output((dense(x, weight: inputWeight, bias: nil) + share).relu())
        }
        let input = condition.map { concat([x, $0.value], axis: 1) } ?? x
        return output(hidden(input).relu())
    }

    /// The condition's share of the first layer: W_c·c + b, [N, hidden].
    func conditionShare(_ condition: Tensor) -> Tensor {
        let weight = Variable(hidden.weight.value).slice(axis: 1, inputs..<(inputs + conditionWidth))
        return dense(Variable(condition), weight: weight, bias: hidden.bias.map { Variable($0.value) }).value
    }
}

/// Two convolutions on maps [N, C, H, W] (FastFlow): `kernel`×`kernel`
/// (padded to keep the size), ReLU, `kernel`×`kernel` again.
public final class ConvSubnet: CouplingSubnet, Composite {
    public let first: Conv2d
    public let second: Conv2d

    public init(_ name: String, inputs: Int, hiddenWidth: Int, outputs: Int, kernel: Int, rng: inout SeededGenerator) {
        precondition(kernel % 2 == 1, "an odd kernel keeps the map size")
        first = Conv2d(name + ".conv1", inChannels: inputs, outChannels: hiddenWidth, kernel: kernel,
                       padding: kernel / 2, rng: &rng)
        second = Conv2d(name + ".conv2", inChannels: hiddenWidth, outChannels: outputs, kernel: kernel,
                        padding: kernel / 2, initialiser: .constant(0), rng: &rng)
    }

    public var children: [any Module] { [first, second] }

    public func callAsFunction(_ x: Variable, condition: FlowCondition?) -> Variable {
        precondition(condition == nil, "ConvSubnet takes no condition")
        return second(first(x).relu())
    }
}
