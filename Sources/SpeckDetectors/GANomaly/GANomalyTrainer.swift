import SpeckLearning
import SpeckTensor

/// GANomaly's networks and optimisers, and one training step on a batch.
/// The step is one function so that a data-parallel entry point of the engine
/// can take it over, and so that `speck bench train` can time it.
public final class GANomalyTrainer {
    /// The paper's loss weights: adversarial, contextual, latent.
    static let weights: (adversarial: Float, contextual: Float, latent: Float) = (1, 50, 1)
    /// Below this discriminator loss the reference re-initialises the discriminator.
    static let collapse: Float = 1e-5

    let generator: GANomalyGenerator
    let discriminator: GANomalyDiscriminator
    private let generatorOptimiser: Adam
    private let discriminatorOptimiser: Adam
    /// Draws the discriminator's fresh weights after a collapse.
    private var rng: SeededGenerator

    public init(parameters: GANomalyParameters) {
        var rng = SeededGenerator(seed: parameters.seed)
        generator = GANomalyGenerator(size: parameters.size, width: parameters.width, latent: parameters.latent, rng: &rng)
        discriminator = GANomalyDiscriminator(size: parameters.size, width: parameters.width, rng: &rng)
        generatorOptimiser = Adam(learningRate: parameters.learningRate, beta1: 0.5, beta2: 0.999)
        discriminatorOptimiser = Adam(learningRate: parameters.learningRate, beta1: 0.5, beta2: 0.999)
        self.rng = rng
    }

    /// One step on a batch [N, 3, S, S] of images in [-1, 1]: the generator
    /// first (its three losses), then the discriminator (BCE, real against
    /// the generator's reconstructions), as in the paper's code.
    /// `checkCancelled` runs between the two updates.
    public func step(_ images: Tensor, checkCancelled: () throws -> Void = {}) throws -> GANomalyLosses {
        let x = Variable(images)
        let (reconstruction, z, zHat) = generator(x, training: true)
        let real = discriminator(x, training: true)
        // The generator's adversarial loss pulls x̂'s features towards x's: only x̂ carries gradient.
        let fakeFeatures = discriminator(reconstruction, training: true).features
        let adversarial = Loss.mse(fakeFeatures, Variable(real.features.value))
        let contextual = Loss.l1(reconstruction, x)
        let latent = Loss.mse(zHat, z)
        let w = Self.weights
        let generatorLoss = adversarial * w.adversarial + contextual * w.contextual + latent * w.latent
        generatorOptimiser.step(generatorLoss.backward().restricted(to: generator.parameters))
        try checkCancelled()

        let fake = discriminator(Variable(reconstruction.value), training: true).logits
        let count = images.shape[0]
        let discriminatorLoss = (Loss.bceWithLogits(real.logits, Tensor.filled(1, [count, 1]))
            + Loss.bceWithLogits(fake, Tensor(zeros: [count, 1]))) * 0.5
        discriminatorOptimiser.step(discriminatorLoss.backward())
        let collapsed = discriminatorLoss.scalar < Self.collapse
        if collapsed { discriminator.reinitialise(rng: &rng) }
        return GANomalyLosses(adversarial: adversarial.scalar, contextual: contextual.scalar, latent: latent.scalar,
                              generator: generatorLoss.scalar, discriminator: discriminatorLoss.scalar,
                              discriminatorReset: collapsed)
    }

    /// A seeded batch of random images in [-1, 1], for timing `step` (`speck bench train`
    /// times one step on 32 images at 64 px with the default parameters).
    public static func syntheticBatch(count: Int = 32, size: Int = 64, seed: UInt64 = 0) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        return Tensor(shape: [count, 3, size, size], data: (0 ..< count * 3 * size * size).map { _ in Float.random(in: -1 ... 1, using: &rng) })
    }
}
