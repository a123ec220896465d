import SpeckLearning
import SpeckTensor

/// DCGAN's encoder as GANomaly uses it (Akcay et al. 2018, after Radford et
/// al. 2016): 4x4 stride-2 convolutions halve the image down to 4x4 while the
/// channels double from `width`, BatchNorm (not on the first) and LeakyReLU
/// 0.2 after each; a last 4x4 convolution turns the 4x4 map into `outputs`
/// values. No biases: BatchNorm follows every convolution that could use one.
final class DCGANEncoder: Composite {
    private let first: Conv2d
    private let pyramid: [(conv: Conv2d, norm: BatchNorm)]
    private let last: Conv2d

    init(_ name: String, size: Int, width: Int, outputs: Int, rng: inout SeededGenerator) {
        let initialiser = Initialiser.normal(mean: 0, std: 0.02)
        first = Conv2d(name + ".initial", inChannels: 3, outChannels: width, kernel: 4, stride: 2, padding: 1,
                       bias: false, initialiser: initialiser, rng: &rng)
        var layers: [(Conv2d, BatchNorm)] = []
        var side = size / 2, channels = width
        while side > 4 {
            let layer = "\(name).pyramid\(layers.count + 1)"
            layers.append((Conv2d(layer + ".conv", inChannels: channels, outChannels: channels * 2, kernel: 4, stride: 2,
                                  padding: 1, bias: false, initialiser: initialiser, rng: &rng),
                           BatchNorm.dcgan(layer + ".norm", channels: channels * 2, rng: &rng)))
            channels *= 2
            side /= 2
        }
        pyramid = layers
        last = Conv2d(name + ".final", inChannels: channels, outChannels: outputs, kernel: 4, bias: false,
                      initialiser: initialiser, rng: &rng)
    }

    var children: [any Module] { [first] + pyramid.flatMap { [$0.conv, $0.norm] as [any Module] } + [last] }

    /// The 4x4 feature map before the last convolution (the discriminator's
    /// features for feature matching) and the output [N, outputs, 1, 1].
    func callAsFunction(_ x: Variable, training: Bool) -> (features: Variable, output: Variable) {
        var h = first(x).leakyRelu(slope: 0.2)
        for layer in pyramid { h = layer.norm(layer.conv(h), training: training).leakyRelu(slope: 0.2) }
        return (h, last(h))
    }

    /// Fresh DCGAN weights in place (the optimiser keeps its parameters).
    func reinitialise(rng: inout SeededGenerator) {
        for conv in [first] + pyramid.map(\.conv) + [last] {
            conv.weight.value = Initialiser.normal(mean: 0, std: 0.02).tensor(conv.weight.shape, fanIn: 1, fanOut: 1, using: &rng)
        }
        for layer in pyramid { layer.norm.reinitialise(rng: &rng) }
    }
}
