import SpeckTensor

/// Re-estimates batch norm's running statistics for a network's final weights
/// ("precise BN"). During training the running statistics are an exponential
/// average over the last dozen batches, each computed by weights that have
/// moved since; where the weights move fast (a GAN's generator) that average
/// no longer describes what the final weights produce, and evaluation mode,
/// which normalises with it, sees a network that never existed. Averaged or
/// copied weights have the same problem.
public enum BatchNormRecalibration {
    /// Runs `forward` (in training mode) on every batch and sets each batch-norm
    /// layer it called to the statistics of all its inputs, pooled over the
    /// batches: the population mean and the unbiased population variance.
    /// Layers the forward pass does not reach are left as they are.
    public static func recalibrate(batches: [Tensor], forward: (Variable) -> Void) {
        var pooled: [ObjectIdentifier: PooledStatistics] = [:]
        var order: [BatchNorm] = []
        for batch in batches {
            let recorder = StatisticsRecorder()
            // A statistics pass: values only, no graph kept for a backward pass.
            StatisticsRecorder.$current.withValue(recorder) { GradientMode.withoutGradients { forward(Variable(batch)) } }
            for update in recorder.updates {
                let key = ObjectIdentifier(update.layer)
                if pooled[key] == nil {
                    pooled[key] = PooledStatistics(channels: update.mean.count)
                    order.append(update.layer)
                }
                pooled[key]!.add(mean: update.mean, variance: update.variance, count: update.count)
            }
        }
        for layer in order { pooled[ObjectIdentifier(layer)]!.write(into: layer) }
    }

    /// Sums of count, count·mean and count·(variance + mean²) per channel, in double precision.
    private struct PooledStatistics {
        var count = 0
        var sums: [Double]
        var squares: [Double]

        init(channels: Int) {
            sums = [Double](repeating: 0, count: channels)
            squares = sums
        }

        mutating func add(mean: Tensor, variance: Tensor, count: Int) {
            self.count += count
            for c in sums.indices {
                let m = Double(mean.data[c])
                sums[c] += Double(count) * m
                squares[c] += Double(count) * (Double(variance.data[c]) + m * m)
            }
        }

        func write(into layer: BatchNorm) {
            let n = Double(count), correction = n / max(n - 1, 1)
            let means = sums.map { $0 / n }
            let variances = zip(squares, means).map { max($0 / n - $1 * $1, 0) * correction }
            layer.runningMean.value = Tensor(shape: layer.runningMean.value.shape, data: means.map(Float.init))
            layer.runningVariance.value = Tensor(shape: layer.runningVariance.value.shape, data: variances.map(Float.init))
        }
    }
}
