/// The one tensor type: a dense, row-major Float32 array with a shape.
/// Feature maps are [channels, height, width] (batch handled by callers).
public struct Tensor: Sendable, Equatable {
    public var shape: [Int]
    public var data: [Float]

    public init(shape: [Int], data: [Float]) {
        precondition(shape.reduce(1, *) == data.count, "data count \(data.count) does not match shape \(shape)")
        self.shape = shape
        self.data = data
    }

    public init(zeros shape: [Int]) {
        self.init(shape: shape, data: [Float](repeating: 0, count: shape.reduce(1, *)))
    }

    public var count: Int { data.count }

    /// Number of dimensions (0 for a scalar).
    public var rank: Int { shape.count }

    /// Largest absolute value (0 for an empty tensor).
    public var maxAbs: Float {
        data.reduce(0) { Swift.max($0, abs($1)) }
    }

    /// Largest absolute element-wise difference to `other`; the shapes must agree.
    public func maxAbsDifference(to other: Tensor) -> Float {
        precondition(shape == other.shape, "shapes differ: \(shape) vs \(other.shape)")
        var worst: Float = 0
        for i in 0..<data.count { worst = Swift.max(worst, abs(data[i] - other.data[i])) }
        return worst
    }

    /// The same values with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, data: data)
    }
}
