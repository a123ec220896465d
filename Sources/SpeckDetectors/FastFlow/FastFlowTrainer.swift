import Foundation
import SpeckLearning
import SpeckTensor

/// FastFlow training: the flows' ActNorms are initialised from the first
/// images, then Adam minimises the negative log-likelihood (nats per
/// dimension, averaged over the levels) on seeded mini-batches of whole
/// feature maps. Each step splits its batch over the cores (`DataParallel`'s
/// default, deterministic for a fixed shard count).
struct FastFlowTrainer {
    let parameters: FastFlowParameters
    var parallelism: Parallelism = .default
    /// Images whose features initialise the ActNorms (all of them if fewer).
    static let initialisationImages = 16

    /// `features[level][image]` is one image's [C, H, W] map at that level.
    /// Returns the mean loss of the last epoch.
    @discardableResult
    func train(_ model: FastFlowModel, on features: [[Tensor]], seed: UInt64, context: FitContext,
               label: String? = nil) throws -> Float {
        let count = features[0].count
        context.report("initialising", done: 0, total: 1)
        let first = Array(0..<min(count, Self.initialisationImages))
        for (flow, level) in zip(model.flows, features) { flow.initialise(on: Variable(Self.batch(first, of: level))) }
        try context.checkCancelled()

        let optimiser = Adam(learningRate: parameters.learningRate, weightDecay: parameters.weightDecay)
        let sampler = BatchSampler(count: count, batchSize: min(parameters.batchSize, count), seed: seed,
                                   dropLast: true)
        let levels = Float(model.flows.count)
        let losses = try TrainingLoop(epochs: parameters.epochs, sampler: sampler, averageTail: parameters.averageTail).run(
            optimisers: [optimiser], averaged: model.flows.flatMap { $0.parameters + $0.buffers }, checkCancelled: context.checkCancelled,
            progress: { progress in
                context.reportTraining(progress, label: label)
            },
            step: { indices, _ in
                let batches = features.map { Variable(Self.batch(indices, of: $0)) }
                let (loss, gradients) = DataParallel.lossAndGradients(batchSize: indices.count, parallelism: parallelism) { range in
                    let perLevel = zip(model.flows, batches).map { flow, batch in
                        let (z, logDeterminant) = flow.forward(batch.slice(axis: 0, range))
                        return Flow.negativeLogLikelihood(z: z, logDeterminant: logDeterminant)
                    }
                    return perLevel.dropFirst().reduce(perLevel[0], +) * (1 / levels)
                }
                optimiser.step(gradients)
                return loss
            })
        return losses.last ?? .nan
    }

    /// The maps of `indices` stacked into [n, C, H, W].
    static func batch(_ indices: [Int], of maps: [Tensor]) -> Tensor {
        var data: [Float] = []
        data.reserveCapacity(indices.count * maps[indices[0]].count)
        for index in indices { data += maps[index].data }
        return Tensor(shape: [indices.count] + maps[indices[0]].shape, data: data)
    }
}
