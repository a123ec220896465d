import SpeckTensor

/// Batch-norm running-statistic updates held back while a shard of a batch
/// runs, so that `DataParallel` can apply them once for the whole batch in a
/// fixed order (two threads updating as they go would make the running
/// statistics depend on which thread came first, and move them twice).
final class StatisticsRecorder: @unchecked Sendable {
    /// The recorder of the shard running on this thread, if any.
    @TaskLocal static var current: StatisticsRecorder?

    struct Update {
        let layer: BatchNorm
        let mean: Tensor
        let variance: Tensor
        let count: Int
    }

    private(set) var updates: [Update] = []

    func record(_ layer: BatchNorm, mean: Tensor, variance: Tensor, count: Int) {
        updates.append(Update(layer: layer, mean: mean, variance: variance, count: count))
    }

    /// Every shard ran the same network, so the i-th update of each shard
    /// belongs to the same layer call: their statistics are pooled (the batch's
    /// mean, and its biased variance from the shards' variances and means) and
    /// applied as one update.
    static func applyCombined(_ shards: [StatisticsRecorder]) {
        guard let first = shards.first else { return }
        for (i, update) in first.updates.enumerated() {
            let parts = shards.map { $0.updates[i] }
            precondition(parts.allSatisfy { $0.layer === update.layer }, "shards ran different batch-norm layers")
            let total = parts.reduce(0) { $0 + $1.count }
            var mean = [Float](repeating: 0, count: update.mean.count)
            var variance = mean
            for c in mean.indices {
                var m: Double = 0
                for part in parts { m += Double(part.count) * Double(part.mean.data[c]) }
                m /= Double(total)
                var v: Double = 0
                for part in parts {
                    let d = Double(part.mean.data[c]) - m
                    v += Double(part.count) * (Double(part.variance.data[c]) + d * d)
                }
                mean[c] = Float(m)
                variance[c] = Float(v / Double(total))
            }
            update.layer.updateRunningStatistics(mean: Tensor(shape: update.mean.shape, data: mean),
                                                 variance: Tensor(shape: update.variance.shape, data: variance), count: total)
        }
    }
}
