import Foundation
import SpeckLearning
import SpeckTensor

/// Trains DifferNet's flows, one after the other, by maximum likelihood on the
/// training images' vectors: ActNorm set from all of them first, then epochs of
/// Adam on mini-batches seeded by the flow's seed, each batch's loss and
/// gradients split over both cores.
struct DifferNetTrainer {
    let parameters: DifferNetParameters
    var parallelism: Parallelism = .default

    func train(_ flows: [Flow], on rows: [Float], dimension: Int, context: FitContext) throws {
        let vectors = PatchMatrix(rows: rows.count / dimension, dim: dimension, values: rows)
        for (head, flow) in flows.enumerated() {
            try train(flow, seed: EnsembleMembers.seed(base: parameters.seed, member: head), on: vectors,
                      dimension: dimension, context: context, label: flows.count > 1 ? "flow \(head + 1)/\(flows.count)" : nil)
        }
    }

    private func train(_ flow: Flow, seed: UInt64, on vectors: PatchMatrix, dimension: Int, context: FitContext,
                       label: String?) throws {
        let count = vectors.rows
        // Standardises the inputs (the pooled stages' scales differ), from at
        // most 1024 rows spread over the set: plenty for per-channel statistics.
        let every = (count + 1023) / 1024
        flow.initialise(on: Variable(vectors.batch(Array(stride(from: 0, to: count, by: every)))))
        // The reference code's Adam settings (betas 0.8, ε 1e-4, L2 decay).
        let optimiser = Adam(learningRate: parameters.learningRate, beta1: 0.8, beta2: 0.8, epsilon: 1e-4,
                             weightDecay: parameters.weightDecay)
        let sampler = BatchSampler(count: count, batchSize: min(parameters.batchSize, count), seed: seed)
        // Noise on the inputs, in units of each dimension's spread: directions the
        // few training vectors leave empty get some width instead of a vanishing one.
        // The first ActNorm's scale is 1 / each dimension's standard deviation.
        let spread = (flow.steps.first as? ActNorm)?.logScale.value.data.map { Foundation.exp(-$0) }
            ?? Array(repeating: 1, count: dimension)
        let noiseScale = spread.map { $0 * parameters.noise }
        var noiseSource = SeededGenerator(seed: seed ^ 0x9E37_79B9_7F4A_7C15)
        try TrainingLoop(epochs: parameters.epochs, sampler: sampler, averageTail: parameters.averageTail).run(
            optimisers: [optimiser], averaged: flow.parameters + flow.buffers, checkCancelled: context.checkCancelled,
            progress: { context.reportTraining($0, label: label) }
        ) { indices, _ in
            var values = vectors.batch(indices)
            if parameters.noise > 0 {
                for j in values.data.indices { values.data[j] += noiseScale[j % dimension] * noiseSource.nextGaussian() }
            }
            let batch = Variable(values)
            let (loss, gradients) = DataParallel.lossAndGradients(batchSize: indices.count, parallelism: parallelism) { range in
                let (z, logDeterminant) = flow.forward(batch.slice(axis: 0, range))
                return Flow.negativeLogLikelihood(z: z, logDeterminant: logDeterminant)
            }
            optimiser.step(gradients)
            return loss
        }
    }
}
