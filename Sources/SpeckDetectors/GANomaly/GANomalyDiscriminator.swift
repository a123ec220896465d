import SpeckLearning
import SpeckTensor

/// GANomaly's discriminator: a DCGAN encoder whose last convolution gives one
/// logit (real or reconstructed); its 4x4 features before that convolution
/// are what the generator's adversarial loss matches.
final class GANomalyDiscriminator: Composite {
    let network: DCGANEncoder

    init(size: Int, width: Int, rng: inout SeededGenerator) {
        network = DCGANEncoder("discriminator", size: size, width: width, outputs: 1, rng: &rng)
    }

    var children: [any Module] { [network] }

    /// Logits [N, 1] and features [N, C, 4, 4].
    func callAsFunction(_ x: Variable, training: Bool) -> (logits: Variable, features: Variable) {
        let (features, output) = network(x, training: training)
        return (output.reshaped([x.shape[0], 1]), features)
    }

    func reinitialise(rng: inout SeededGenerator) { network.reinitialise(rng: &rng) }
}
