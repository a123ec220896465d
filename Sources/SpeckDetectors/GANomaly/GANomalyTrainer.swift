import Foundation
import SpeckLearning
import SpeckTensor

/// GANomaly's networks and optimisers, and one training step on a batch.
/// The step is one function so that `speck bench train` can time it.
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
    /// How each update's loss and gradients use the cores (`DataParallel`).
    let parallelism: Parallelism

    public init(parameters: GANomalyParameters, parallelism: Parallelism = .default) {
        var rng = SeededGenerator(seed: parameters.seed)
        generator = GANomalyGenerator(size: parameters.size, width: parameters.width, latent: parameters.latent, rng: &rng)
        discriminator = GANomalyDiscriminator(size: parameters.size, width: parameters.width, rng: &rng)
        generatorOptimiser = Adam(learningRate: parameters.learningRate, beta1: 0.5, beta2: 0.999)
        discriminatorOptimiser = Adam(learningRate: parameters.learningRate, beta1: 0.5, beta2: 0.999)
        self.rng = rng
        self.parallelism = parallelism
    }

    /// One step on a batch [N, 3, S, S] of images in [-1, 1]: the generator
    /// first (its three losses), then the discriminator (BCE, real against
    /// the generator's reconstructions), as in the paper's code. Each update's
    /// loss and gradients come from `DataParallel` (under the default
    /// parallelism, each half of the batch on its own core, batch norm on each
    /// half's statistics). `checkCancelled` runs between the two updates.
    public func step(_ images: Tensor, checkCancelled: () throws -> Void = {}) throws -> GANomalyLosses {
        let count = images.shape[0]
        let input = Variable(images)
        let shards = ShardResults()
        let w = Self.weights
        let (generatorLoss, generatorGradients) = DataParallel.lossAndGradients(batchSize: count, parallelism: parallelism) { range in
            let x = input.slice(axis: 0, range)
            let (reconstruction, z, zHat) = generator(x, training: true)
            let real = discriminator(x, training: true)
            // The generator's adversarial loss pulls x̂'s features towards x's: only x̂ carries gradient.
            let fakeFeatures = discriminator(reconstruction, training: true).features
            let adversarial = Loss.mse(fakeFeatures, Variable(real.features.value))
            let contextual = Loss.l1(reconstruction, x)
            let latent = Loss.mse(zHat, z)
            // The real images' logits keep their graph for the discriminator's update below
            // (the discriminator does not change in between), as in the one-pass step.
            shards.set(range, Shard(realLogits: real.logits, reconstruction: reconstruction.value,
                                    adversarial: adversarial.scalar, contextual: contextual.scalar, latent: latent.scalar))
            return adversarial * w.adversarial + contextual * w.contextual + latent * w.latent
        }
        generatorOptimiser.step(generatorGradients.restricted(to: generator.parameters))
        try checkCancelled()

        let (discriminatorLoss, discriminatorGradients) = DataParallel.lossAndGradients(batchSize: count, parallelism: parallelism) { range in
            let shard = shards.get(range)
            let fake = discriminator(Variable(shard.reconstruction), training: true).logits
            return (Loss.bceWithLogits(shard.realLogits, Tensor.filled(1, [range.count, 1]))
                + Loss.bceWithLogits(fake, Tensor(zeros: [range.count, 1]))) * 0.5
        }
        discriminatorOptimiser.step(discriminatorGradients)
        let collapsed = discriminatorLoss < Self.collapse
        if collapsed { discriminator.reinitialise(rng: &rng) }
        // Each shard's losses are means over its images: weighted by shard size, in batch order.
        var adversarial: Float = 0, contextual: Float = 0, latent: Float = 0
        for (range, shard) in shards.inOrder {
            let weight = Float(range.count) / Float(count)
            adversarial += weight * shard.adversarial
            contextual += weight * shard.contextual
            latent += weight * shard.latent
        }
        return GANomalyLosses(adversarial: adversarial, contextual: contextual, latent: latent,
                              generator: generatorLoss, discriminator: discriminatorLoss,
                              discriminatorReset: collapsed)
    }

    /// What the generator pass of one shard leaves for the discriminator pass and the losses shown.
    private struct Shard {
        let realLogits: Variable
        let reconstruction: Tensor
        let adversarial: Float
        let contextual: Float
        let latent: Float
    }

    /// The shards' results by range, written from the shard threads.
    private final class ShardResults: @unchecked Sendable {
        private let lock = NSLock()
        private var shards: [Int: (range: Range<Int>, shard: Shard)] = [:]

        func set(_ range: Range<Int>, _ shard: Shard) {
            lock.withLock { shards[range.lowerBound] = (range, shard) }
        }

        func get(_ range: Range<Int>) -> Shard {
            lock.withLock {
                guard let entry = shards[range.lowerBound], entry.range == range else {
                    preconditionFailure("the discriminator pass split the batch differently: \(range)")
                }
                return entry.shard
            }
        }

        var inOrder: [(Range<Int>, Shard)] {
            lock.withLock { shards.values.sorted { $0.range.lowerBound < $1.range.lowerBound }.map { ($0.range, $0.shard) } }
        }
    }

    /// A seeded batch of random images in [-1, 1], for timing `step` (`speck bench train`
    /// times one step on 32 images at 64 px with the default parameters).
    public static func syntheticBatch(count: Int = 32, size: Int = 64, seed: UInt64 = 0) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        return Tensor(shape: [count, 3, size, size], data: (0 ..< count * 3 * size * size).map { _ in Float.random(in: -1 ... 1, using: &rng) })
    }
}
