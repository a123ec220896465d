import SpeckLearning
import SpeckTensor

/// Trains each level's flow on random mini-batches of that level's training
/// patch vectors with their positional condition (Gudovskiy et al., sec. 3.4),
/// by the negative log-likelihood, with Adam and a cosine learning-rate decay;
/// each step's batch is split over both cores. Then fixes each level's reference likelihood.
struct CFLOWTrainer {
    let parameters: CFLOWParameters

    /// A level's training set: every patch vector of every image, and the grid it lies on.
    struct LevelData {
        let patches: PatchMatrix
        let encoding: PositionalEncoding
        func positions(_ rows: [Int]) -> [Int] { rows.map { $0 % encoding.positions } }
    }

    func train(_ levels: [CFLOWLevel], on data: [LevelData], context: FitContext) throws {
        let samplers = data.enumerated().map { index, level in
            BatchSampler(count: level.patches.rows, batchSize: min(parameters.batchSize, level.patches.rows),
                         seed: parameters.seed &+ UInt64(index))
        }
        let totalBatches = samplers.reduce(0) { $0 + $1.batchCount } * parameters.epochs
        var batchesBefore = 0
        for (level, (levelData, sampler)) in zip(levels, zip(data, samplers)) {
            let first = sampler.batches(epoch: 0)[0]
            level.flow.initialise(on: Variable(levelData.patches.batch(first)),
                                  condition: Variable(levelData.encoding.rows.batch(levelData.positions(first))))
            let optimiser = Adam(learningRate: parameters.learningRate)
            let loop = TrainingLoop(epochs: parameters.epochs, sampler: sampler,
                                    schedule: .cosine(epochs: parameters.epochs, minimum: parameters.learningRate * 0.05),
                                    averageTail: parameters.averageTail)
            let done = batchesBefore
            try loop.run(optimisers: [optimiser], averaged: level.flow.parameters + level.flow.buffers, checkCancelled: context.checkCancelled, progress: { progress in
                context.reportTraining(progress, before: done, total: totalBatches,
                                       label: "level \(level.index + 1)/\(levels.count)")
            }) { indices, _ in
                let (loss, gradients) = DataParallel.lossAndGradients(batchSize: indices.count) { range in
                    let rows = Array(indices[range])
                    let (z, logDet) = level.flow.forward(Variable(levelData.patches.batch(rows)),
                                                         condition: Variable(levelData.encoding.rows.batch(levelData.positions(rows))))
                    return Flow.negativeLogLikelihood(z: z, logDeterminant: logDet)
                }
                optimiser.step(gradients)
                return loss
            }
            batchesBefore += sampler.batchCount * parameters.epochs
        }
        for (level, levelData) in zip(levels, data) {
            try context.checkCancelled()
            context.report("reference", done: level.index, total: levels.count)
            let encoding = levelData.encoding, positions = encoding.positions
            var best = -Float.infinity
            for image in 0..<(levelData.patches.rows / positions) {
                let rows = levelData.patches.gathering(Array((image * positions)..<((image + 1) * positions)))
                best = max(best, level.logLikelihoods(ofImage: rows, height: encoding.height, width: encoding.gridWidth).max() ?? best)
            }
            level.referenceLogLikelihood = best
        }
    }
}
