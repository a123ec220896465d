import SpeckTensor

/// A 2D convolution layer: weight [out, in, k, k] and an optional bias [out].
public final class Conv2d: Module {
    public let weight: Parameter
    public let bias: Parameter?
    public let stride: Int
    public let padding: Int
    public let dilation: Int

    public init(_ name: String, inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                dilation: Int = 1, bias: Bool = true, initialiser: Initialiser = .kaimingUniform(),
                rng: inout SeededGenerator) {
        let area = kernel * kernel
        weight = Parameter(name + ".weight", initialiser.tensor([outChannels, inChannels, kernel, kernel],
                                                               fanIn: inChannels * area, fanOut: outChannels * area, using: &rng))
        self.bias = bias ? Parameter(name + ".bias", Tensor(zeros: [outChannels])) : nil
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
    }

    public var parameters: [Parameter] { [weight] + (bias.map { [$0] } ?? []) }

    public func callAsFunction(_ x: Variable) -> Variable {
        conv2d(x, weight: Variable(weight), bias: bias.map { Variable($0) }, stride: stride, padding: padding, dilation: dilation)
    }
}
