import SpeckTensor

extension Variable {
    /// Sum of all elements: a one-element variable.
    public func sum() -> Variable {
        Variable(Tensor(shape: [1], data: [value.sum]), inputs: [self]) { [shape] g in
            [Tensor.filled(g.data[0], shape)]
        }
    }

    /// Mean of all elements.
    public func mean() -> Variable { sum() * (1 / Float(max(count, 1))) }

    /// Sum over `axes`, which keep a size of 1 (so the result broadcasts back).
    public func sum(axes: [Int]) -> Variable {
        var reduced = shape
        for axis in axes { reduced[axis] = 1 }
        return Variable(value.summed(toShape: reduced), inputs: [self]) { [shape] g in
            [Tensor.filled(0, shape) + g]
        }
    }

    /// Mean over `axes`, kept with size 1.
    public func mean(axes: [Int]) -> Variable {
        let n = axes.reduce(1) { $0 * shape[$1] }
        return sum(axes: axes) * (1 / Float(n))
    }

    /// Biased variance over `axes` (divides by n, as batch norm does), kept with size 1.
    public func variance(axes: [Int]) -> Variable {
        (self - mean(axes: axes)).squared().mean(axes: axes)
    }
}
