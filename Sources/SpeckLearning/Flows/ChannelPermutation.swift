import SpeckTensor

/// A fixed, seeded shuffle of the channels between couplings, so that every
/// channel is transformed by some coupling. A permutation has |det| = 1. The
/// order is kept as a buffer, so a model file carries it.
public final class ChannelPermutation: FlowStep {
    public let order: Parameter

    public init(_ name: String, channels: Int, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let shuffled = Array(0..<channels).shuffled(using: &rng)
        order = Parameter(name + ".order", Tensor(shape: [channels], data: shuffled.map(Float.init)))
    }

    public var parameters: [Parameter] { [] }
    public var buffers: [Parameter] { [order] }

    private var indices: [Int] { order.value.data.map { Int($0) } }

    public func forward(_ x: Variable, condition: FlowCondition?) -> (output: Variable, logDeterminant: Variable) {
        (x.gathered(axis: 1, indices: indices), Variable(Tensor(zeros: x.locationShape)))
    }

    public func inverse(_ y: Variable, condition: FlowCondition?) -> Variable {
        var inverse = indices
        for (j, i) in indices.enumerated() { inverse[i] = j }
        return y.gathered(axis: 1, indices: inverse)
    }
}
