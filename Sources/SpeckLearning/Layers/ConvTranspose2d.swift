import SpeckTensor

/// A transposed 2D convolution layer: weight [in, out, k, k] and an optional bias [out].
public final class ConvTranspose2d: Module {
    public let weight: Parameter
    public let bias: Parameter?
    public let stride: Int
    public let padding: Int
    public let outputPadding: Int

    public init(_ name: String, inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                outputPadding: Int = 0, bias: Bool = true, initialiser: Initialiser = .kaimingUniform(),
                rng: inout SeededGenerator) {
        let area = kernel * kernel
        weight = Parameter(name + ".weight", initialiser.tensor([inChannels, outChannels, kernel, kernel],
                                                               fanIn: outChannels * area, fanOut: inChannels * area, using: &rng))
        self.bias = bias ? Parameter(name + ".bias", Tensor(zeros: [outChannels])) : nil
        self.stride = stride
        self.padding = padding
        self.outputPadding = outputPadding
    }

    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public func callAsFunction(_ x: Variable) -> Variable {
        convTranspose2d(x, weight: Variable(weight), bias: bias.map { Variable($0) }, stride: stride,
                        padding: padding, outputPadding: outputPadding)
    }
}
