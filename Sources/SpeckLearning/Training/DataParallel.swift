import COpenBLAS
import Dispatch
import SpeckTensor

/// One training step's loss and gradients on both cores.
///
/// `loss(range)` builds the forward pass for the samples `range` of the batch
/// (slice the inputs with it) and returns their *mean* loss. Under
/// `.batchSplitting` it runs once per shard on its own thread against the same
/// parameters (only read during the pass); the shards' losses and gradients are
/// combined weighted by shard size, in shard order, so the result is the same
/// every run. Batch norm normalises each shard with the shard's statistics (as
/// PyTorch's DataParallel does) and its running statistics are updated once,
/// from the whole batch's, after the step.
public enum DataParallel {
    public static func lossAndGradients(batchSize: Int, parallelism: Parallelism = .default,
                                        _ loss: (Range<Int>) -> Variable) -> (loss: Float, gradients: Gradients) {
        precondition(batchSize > 0, "an empty batch")
        switch parallelism {
        case .blasThreads(let threads):
            return withBLASThreads(threads) {
                let value = loss(0..<batchSize)
                return (value.scalar, value.backward())
            }
        case .batchSplitting(let shards):
            let ranges = shardRanges(batchSize: batchSize, shards: shards)
            var results = [(loss: Float, gradients: Gradients, statistics: StatisticsRecorder)?](repeating: nil, count: ranges.count)
            withBLASThreads(1) { withoutActuallyEscaping(loss) { loss in
                results.withUnsafeMutableBufferPointer { slots in
                    // Each thread writes its own slot; all are done before this returns.
                    let shared = Unchecked((loss: loss, slots: slots))
                    DispatchQueue.concurrentPerform(iterations: ranges.count) { shard in
                        let recorder = StatisticsRecorder()
                        let value = StatisticsRecorder.$current.withValue(recorder) { shared.value.loss(ranges[shard]) }
                        shared.value.slots[shard] = (value.scalar, value.backward(), recorder)
                    }
                }
            } }
            var total: Float = 0
            var gradients = Gradients()
            for (range, result) in zip(ranges, results) {
                let weight = Float(range.count) / Float(batchSize)
                var shardGradients = result!.gradients
                shardGradients.scale(by: weight)
                gradients.add(shardGradients)
                total += weight * result!.loss
            }
            StatisticsRecorder.applyCombined(results.map { $0!.statistics })
            return (total, gradients)
        }
    }

    /// Up to `shards` contiguous, nearly equal, non-empty ranges covering the batch.
    static func shardRanges(batchSize: Int, shards: Int) -> [Range<Int>] {
        let count = max(1, min(shards, batchSize))
        return (0..<count).map { i in (i * batchSize / count)..<((i + 1) * batchSize / count) }
    }

    /// Runs `body` with OpenBLAS on `threads` threads, then restores the previous count.
    static func withBLASThreads<R>(_ threads: Int, _ body: () -> R) -> R {
        BLAS.configure()
        let previous = Int(openblas_get_num_threads())
        if previous != threads { BLAS.setThreadCount(threads) }
        defer { if previous != threads { BLAS.setThreadCount(previous) } }
        return body()
    }

    /// The step's closure and result slots, shared with the shard threads:
    /// the closure only reads the parameters, and each thread owns one slot.
    private struct Unchecked<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}
