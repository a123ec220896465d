import SpeckLearning
import SpeckTensor

/// GANomaly's generator: encoder → decoder → encoder. The first encoder maps
/// the image to z, the decoder reconstructs x̂ from z, the second encoder maps
/// x̂ to ẑ. Trained on normal images only, it learns to keep z and ẑ close for
/// them; an anomaly is reconstructed as something normal, whose ẑ then
/// differs from the z of what was really there.
final class GANomalyGenerator: Composite {
    let encoder: DCGANEncoder
    let decoder: DCGANDecoder
    let reencoder: DCGANEncoder

    /// `name` starts every tensor's name: "generator", or a snapshot's ("snapshot1.generator").
    init(size: Int, width: Int, latent: Int, rng: inout SeededGenerator, name: String = "generator") {
        encoder = DCGANEncoder(name + ".encoder", size: size, width: width, outputs: latent, rng: &rng)
        decoder = DCGANDecoder(name + ".decoder", size: size, width: width, latent: latent, rng: &rng)
        reencoder = DCGANEncoder(name + ".reencoder", size: size, width: width, outputs: latent, rng: &rng)
    }

    var children: [any Module] { [encoder, decoder, reencoder] }

    /// x̂ [N, 3, S, S], z and ẑ [N, latent, 1, 1].
    func callAsFunction(_ x: Variable, training: Bool) -> (reconstruction: Variable, latent: Variable, relatent: Variable) {
        let z = encoder(x, training: training).output
        let reconstruction = decoder(z, training: training)
        return (reconstruction, z, reencoder(reconstruction, training: training).output)
    }
}
