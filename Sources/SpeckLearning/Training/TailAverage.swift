import SpeckTensor

/// Polyak–Ruppert tail averaging: the mean of the weights over the last
/// `fraction` of a run's steps replaces the last weights. With a constant
/// learning rate the last step lands anywhere in the cloud the weights wander
/// in, and where it lands is what the seed (batch order, start) decides; the
/// mean of that cloud is steadier and usually lower in loss (Izmailov et al.
/// 2018, "SWA"). Buffers (batch-norm running statistics) are averaged with
/// the weights, the cheap stand-in for re-estimating them (`BatchNormRecalibration`).
public final class TailAverage {
    private let tensors: [Parameter]
    /// The first 0-based step whose weights are recorded.
    private let first: Int
    private var sums: [[Double]] = []
    private var count = 0

    /// Averages over the last `fraction` (0...1; 0 keeps the last weights) of `totalSteps`.
    public init(_ tensors: [Parameter], fraction: Float, totalSteps: Int) {
        precondition((0...1).contains(fraction), "tail fraction \(fraction) is not in 0...1")
        self.tensors = tensors
        first = Self.firstStep(fraction: fraction, total: totalSteps)
    }

    /// The 0-based step from which weights are averaged in a run of `total` steps
    /// (`total` when nothing is: fraction 0). At least the last step is kept.
    public static func firstStep(fraction: Float, total: Int) -> Int {
        guard fraction > 0, total > 0 else { return total }
        return min(total - 1, max(0, total - Int((Float(total) * fraction).rounded(.up))))
    }

    /// Called after 0-based step `step`: records the weights once the tail is reached.
    public func stepEnded(_ step: Int) {
        if step >= first { record() }
    }

    private func record() {
        if sums.isEmpty { sums = tensors.map { [Double](repeating: 0, count: $0.value.count) } }
        for (index, tensor) in tensors.enumerated() {
            tensor.value.data.withUnsafeBufferPointer { values in
                sums[index].withUnsafeMutableBufferPointer { sum in
                    for i in 0..<values.count { sum[i] += Double(values[i]) }
                }
            }
        }
        count += 1
    }

    /// Writes the mean of the recorded weights into the tensors (nothing if none was recorded).
    public func apply() {
        guard count > 0 else { return }
        let n = Double(count)
        for (index, tensor) in tensors.enumerated() {
            tensor.value = Tensor(shape: tensor.value.shape, data: sums[index].map { Float($0 / n) })
        }
    }
}
