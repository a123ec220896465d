import Foundation
import SpeckTensor

/// Batch normalisation over the channel axis (axis 1) of [N, C, ...] inputs
/// (Ioffe & Szegedy 2015). In training mode it normalises with the batch's
/// statistics and updates the running ones (PyTorch's momentum convention,
/// unbiased running variance); in evaluation mode it uses the running ones.
public final class BatchNorm: Module {
    public let scale: Parameter
    public let shift: Parameter
    public let runningMean: Parameter
    public let runningVariance: Parameter
    public let momentum: Float
    public let epsilon: Float
    private let lock = NSLock()

    public init(_ name: String, channels: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) {
        scale = Parameter(name + ".weight", Tensor.filled(1, [channels]))
        shift = Parameter(name + ".bias", Tensor(zeros: [channels]))
        runningMean = Parameter(name + ".running_mean", Tensor(zeros: [channels]))
        runningVariance = Parameter(name + ".running_var", Tensor.filled(1, [channels]))
        self.momentum = momentum
        self.epsilon = epsilon
    }

    public var parameters: [Parameter] { [scale, shift] }
    public var buffers: [Parameter] { [runningMean, runningVariance] }

    public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
        normalise(x, scale: Variable(scale), shift: Variable(shift), training: training)
    }

    /// The layer's computation with the affine parameters passed in (for gradient checks).
    func normalise(_ x: Variable, scale: Variable, shift: Variable, training: Bool) -> Variable {
        let channels = self.scale.value.count
        precondition(x.shape.count >= 2 && x.shape[1] == channels, "batch norm over \(channels) channels of \(x.shape)")
        guard training else {
            return batchNormalise(x, scale: scale, shift: shift, epsilon: epsilon,
                                  statistics: (runningMean.value, runningVariance.value)).output
        }
        let (output, mean, variance) = batchNormalise(x, scale: scale, shift: shift, epsilon: epsilon)
        if let recorder = StatisticsRecorder.current {
            recorder.record(self, mean: mean, variance: variance, count: x.count / channels)
        } else {
            updateRunningStatistics(mean: mean, variance: variance, count: x.count / channels)
        }
        return output
    }

    /// Serialised, in case two threads train on two halves of a batch without `DataParallel`.
    func updateRunningStatistics(mean: Tensor, variance: Tensor, count: Int) {
        let correction = Float(count) / Float(max(count - 1, 1))
        lock.withLock {
            for c in 0..<mean.count {
                runningMean.value.data[c] = (1 - momentum) * runningMean.value.data[c] + momentum * mean.data[c]
                runningVariance.value.data[c] = (1 - momentum) * runningVariance.value.data[c]
                    + momentum * variance.data[c] * correction
            }
        }
    }
}
