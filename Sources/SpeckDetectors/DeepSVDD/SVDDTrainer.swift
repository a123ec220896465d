import SpeckLearning
import SpeckTensor

/// Deep SVDD training (Ruff et al., sec. 3): fix c from an initial forward
/// pass, then minimise the objective with Adam on seeded mini-batches of rows,
/// reporting the loss and stopping within a batch when cancelled.
struct SVDDTrainer {
    let parameters: DeepSVDDParameters

    func train(_ network: any SVDDNetwork, on raw: PatchMatrix, spatial: Int, context: FitContext) throws -> SVDDModel {
        let scaling = InputScaling(fitting: raw, spatial: spatial)
        let rows = scaling.apply(raw)
        context.report("centre", done: 0, total: 1)
        let centre = SVDDObjective.centre(meanOutput: Self.columnMeans(network.embedAll(rows), width: network.outputs))
        let centreTensor = Variable(Tensor(shape: [1, centre.count], data: centre))
        try context.checkCancelled()

        let objective = parameters.objective
        let optimiser = Adam(learningRate: parameters.learningRate, weightDecay: parameters.weightDecay)
        let sampler = BatchSampler(count: rows.rows, batchSize: min(parameters.batchSize, rows.rows), seed: parameters.seed)
        var radiusSquared: Float = 0
        var epochDistances: [Float] = []
        var currentEpoch = 0
        let loop = TrainingLoop(epochs: parameters.epochs, sampler: sampler)
        try loop.run(optimisers: [optimiser], checkCancelled: context.checkCancelled, progress: { progress in
            context.reportTraining(progress)
        }) { indices, epoch in
            if epoch != currentEpoch {
                // The paper moves R to the (1 − ν) quantile once per epoch, from that epoch's distances.
                radiusSquared = objective.radiusSquared(from: epochDistances) ?? radiusSquared
                epochDistances.removeAll(keepingCapacity: true)
                currentEpoch = epoch
            }
            let distances = (network.embed(Variable(rows.batch(indices))) - centreTensor).squared().sum(axes: [1])
            if case .softBoundary = objective { epochDistances += distances.value.data }
            let loss = objective.loss(distances, radiusSquared: radiusSquared)
            optimiser.step(loss.backward())
            return loss.scalar
        }
        radiusSquared = objective.radiusSquared(from: epochDistances) ?? radiusSquared
        return SVDDModel(scaling: scaling, network: network, centre: centre, radiusSquared: radiusSquared, objective: objective)
    }

    static func columnMeans(_ values: [Float], width: Int) -> [Double] {
        var sums = [Double](repeating: 0, count: width)
        let rows = values.count / width
        for r in 0..<rows { for j in 0..<width { sums[j] += Double(values[r * width + j]) } }
        return sums.map { $0 / Double(max(rows, 1)) }
    }
}
