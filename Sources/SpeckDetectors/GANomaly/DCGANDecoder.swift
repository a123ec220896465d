import SpeckLearning
import SpeckTensor

/// DCGAN's generator as GANomaly's decoder: a 4x4 transposed convolution
/// spreads the latent vector to a 4x4 map, then 4x4 stride-2 transposed
/// convolutions double it up to the image size while the channels halve,
/// each with BatchNorm and ReLU; the last one makes 3 channels, squashed by
/// Tanh into [-1, 1] like the training images.
final class DCGANDecoder: Composite {
    private let first: ConvTranspose2d
    private let firstNorm: BatchNorm
    private let pyramid: [(conv: ConvTranspose2d, norm: BatchNorm)]
    private let last: ConvTranspose2d

    init(_ name: String, size: Int, width: Int, latent: Int, rng: inout SeededGenerator) {
        let initialiser = Initialiser.normal(mean: 0, std: 0.02)
        // The mirror of the encoder: as many channels at 4x4 as the encoder had there.
        var channels = width / 2, side = 4
        while side < size { channels *= 2; side *= 2 }
        first = ConvTranspose2d(name + ".initial", inChannels: latent, outChannels: channels, kernel: 4, bias: false,
                                initialiser: initialiser, rng: &rng)
        firstNorm = BatchNorm.dcgan(name + ".initial_norm", channels: channels, rng: &rng)
        var layers: [(ConvTranspose2d, BatchNorm)] = []
        side = 4
        while side < size / 2 {
            let layer = "\(name).pyramid\(layers.count + 1)"
            layers.append((ConvTranspose2d(layer + ".conv", inChannels: channels, outChannels: channels / 2, kernel: 4,
                                           stride: 2, padding: 1, bias: false, initialiser: initialiser, rng: &rng),
                           BatchNorm.dcgan(layer + ".norm", channels: channels / 2, rng: &rng)))
            channels /= 2
            side *= 2
        }
        pyramid = layers
        last = ConvTranspose2d(name + ".final", inChannels: channels, outChannels: 3, kernel: 4, stride: 2, padding: 1,
                               bias: false, initialiser: initialiser, rng: &rng)
    }

    var children: [any Module] {
        [first, firstNorm] + pyramid.flatMap { [$0.conv, $0.norm] as [any Module] } + [last]
    }

    func callAsFunction(_ z: Variable, training: Bool) -> Variable {
        var h = firstNorm(first(z), training: training).relu()
        for layer in pyramid { h = layer.norm(layer.conv(h), training: training).relu() }
        return last(h).tanh()
    }
}
