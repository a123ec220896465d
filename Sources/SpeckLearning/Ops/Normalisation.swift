import SpeckTensor

/// Batch normalisation of x [N, C, ...] per channel (axis 1), as one op: the
/// same computation composed of elementwise ops takes about ten passes over
/// the activations and ten graph nodes, forward and backward.
/// With `statistics` nil it normalises by the batch's mean and biased variance
/// and returns them (for the running statistics); otherwise by `statistics`.
func batchNormalise(_ x: Variable, scale: Variable, shift: Variable, epsilon: Float,
                    statistics: (mean: Tensor, variance: Tensor)? = nil) -> (output: Variable, mean: Tensor, variance: Tensor) {
    let channels = x.shape[1], batch = x.shape[0], inner = x.count / max(1, batch * channels)
    precondition(scale.count == channels && shift.count == channels, "batch norm of \(x.shape) with \(scale.shape) scale")
    let count = batch * inner
    var mean = statistics?.mean.data ?? [Float](repeating: 0, count: channels)
    var variance = statistics?.variance.data ?? [Float](repeating: 0, count: channels)
    var normalised = [Float](repeating: 0, count: x.count)
    var y = normalised
    var inverseStd = [Float](repeating: 0, count: channels)
    x.value.data.withUnsafeBufferPointer { x in
        for c in 0..<channels {
            if statistics == nil {
                // Two passes in Double: a mean-shifted variance, not E[x²] - E[x]².
                var sum: Double = 0
                for b in 0..<batch { for i in 0..<inner { sum += Double(x[(b * channels + c) * inner + i]) } }
                let m = sum / Double(max(count, 1))
                var squares: Double = 0
                for b in 0..<batch { for i in 0..<inner { let d = Double(x[(b * channels + c) * inner + i]) - m; squares += d * d } }
                mean[c] = Float(m)
                variance[c] = Float(squares / Double(max(count, 1)))
            }
            inverseStd[c] = 1 / (variance[c] + epsilon).squareRoot()
            let gamma = scale.value.data[c], beta = shift.value.data[c], mu = mean[c], s = inverseStd[c]
            for b in 0..<batch {
                let start = (b * channels + c) * inner
                for i in start..<(start + inner) {
                    normalised[i] = (x[i] - mu) * s
                    y[i] = normalised[i] * gamma + beta
                }
            }
        }
    }
    let training = statistics == nil
    let output = Variable(Tensor(shape: x.shape, data: y), inputs: [x, scale, shift]) { dy in
        var dx = [Float](repeating: 0, count: x.needsGradient ? x.count : 0)
        var dScale = [Float](repeating: 0, count: channels), dShift = dScale
        for c in 0..<channels {
            var sumDy: Double = 0, sumDyX: Double = 0
            for b in 0..<batch {
                let start = (b * channels + c) * inner
                for i in start..<(start + inner) {
                    sumDy += Double(dy.data[i])
                    sumDyX += Double(dy.data[i] * normalised[i])
                }
            }
            dShift[c] = Float(sumDy)
            dScale[c] = Float(sumDyX)
            guard x.needsGradient else { continue }
            // With batch statistics the mean and variance depend on x too:
            // dx = γ/σ · (dy - mean(dy) - x̂ · mean(dy · x̂)).
            let k = scale.value.data[c] * inverseStd[c]
            let meanDy = training ? Float(sumDy / Double(max(count, 1))) : 0
            let meanDyX = training ? Float(sumDyX / Double(max(count, 1))) : 0
            for b in 0..<batch {
                let start = (b * channels + c) * inner
                for i in start..<(start + inner) { dx[i] = k * (dy.data[i] - meanDy - normalised[i] * meanDyX) }
            }
        }
        return [x.needsGradient ? Tensor(shape: x.shape, data: dx) : nil,
                Tensor(shape: scale.shape, data: dScale), Tensor(shape: shift.shape, data: dShift)]
    }
    return (output, Tensor(shape: [channels], data: mean), Tensor(shape: [channels], data: variance))
}
