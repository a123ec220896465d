import SpeckTensor

/// A fully connected layer on rows: [n, inputs] → [n, outputs].
public final class Dense: Module {
    public let weight: Parameter
    public let bias: Parameter?

    public init(_ name: String, inputs: Int, outputs: Int, bias: Bool = true,
                initialiser: Initialiser = .kaimingUniform(), rng: inout SeededGenerator) {
        weight = Parameter(name + ".weight",
                           initialiser.tensor([outputs, inputs], fanIn: inputs, fanOut: outputs, using: &rng))
        self.bias = bias ? Parameter(name + ".bias", Tensor(zeros: [outputs])) : nil
    }

    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public func callAsFunction(_ x: Variable) -> Variable {
        dense(x, weight: Variable(weight), bias: bias.map { Variable($0) })
    }
}
