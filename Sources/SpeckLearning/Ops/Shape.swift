import SpeckTensor

extension Variable {
    /// The same values with another shape of equal count.
    public func reshaped(_ newShape: [Int]) -> Variable {
        precondition(newShape.reduce(1, *) == count, "cannot reshape \(shape) to \(newShape)")
        return Variable(value.reshaped(newShape), inputs: [self]) { [shape] g in [g.reshaped(shape)] }
    }

    /// Dimensions reordered: result axis i is input axis `axes[i]`.
    public func permuted(_ axes: [Int]) -> Variable {
        precondition(axes.sorted() == Array(0..<shape.count), "\(axes) is not a permutation of \(shape.count) axes")
        var inverse = axes
        for (i, axis) in axes.enumerated() { inverse[axis] = i }
        return Variable(value.permuted(axes), inputs: [self]) { g in [g.permuted(inverse)] }
    }

    /// Elements `range` along `axis`.
    public func slice(axis: Int, _ range: Range<Int>) -> Variable {
        let layout = AxisLayout(shape, axis: axis)
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[axis], "slice \(range) out of \(shape)")
        var outShape = shape
        outShape[axis] = range.count
        var out = [Float](repeating: 0, count: outShape.reduce(1, *))
        for outer in 0..<layout.outer {
            let from = (outer * shape[axis] + range.lowerBound) * layout.inner
            let to = outer * range.count * layout.inner
            for i in 0..<(range.count * layout.inner) { out[to + i] = value.data[from + i] }
        }
        return Variable(Tensor(shape: outShape, data: out), inputs: [self]) { [shape] g in
            var full = [Float](repeating: 0, count: shape.reduce(1, *))
            for outer in 0..<layout.outer {
                let to = (outer * shape[axis] + range.lowerBound) * layout.inner
                let from = outer * range.count * layout.inner
                for i in 0..<(range.count * layout.inner) { full[to + i] = g.data[from + i] }
            }
            return [Tensor(shape: shape, data: full)]
        }
    }
}

/// Variables joined along `axis`; all other dimensions must agree.
public func concat(_ parts: [Variable], axis: Int) -> Variable {
    precondition(!parts.isEmpty, "concat of nothing")
    var outShape = parts[0].shape
    outShape[axis] = parts.reduce(0) { $0 + $1.shape[axis] }
    let layout = AxisLayout(outShape, axis: axis)
    var out = [Float](repeating: 0, count: outShape.reduce(1, *))
    var start = 0
    var starts: [Int] = []
    for part in parts {
        var expected = outShape
        expected[axis] = part.shape[axis]
        precondition(part.shape == expected, "concat: \(part.shape) does not fit \(outShape) along axis \(axis)")
        starts.append(start)
        let width = part.shape[axis] * layout.inner
        for outer in 0..<layout.outer {
            let to = (outer * outShape[axis] + start) * layout.inner
            for i in 0..<width { out[to + i] = part.value.data[outer * width + i] }
        }
        start += part.shape[axis]
    }
    return Variable(Tensor(shape: outShape, data: out), inputs: parts) { g in
        zip(parts, starts).map { part, start in
            let width = part.shape[axis] * layout.inner
            var piece = [Float](repeating: 0, count: part.count)
            for outer in 0..<layout.outer {
                let from = (outer * outShape[axis] + start) * layout.inner
                for i in 0..<width { piece[outer * width + i] = g.data[from + i] }
            }
            return Tensor(shape: part.shape, data: piece)
        }
    }
}

/// A shape seen as [outer, shape[axis], inner].
struct AxisLayout {
    let outer: Int
    let inner: Int
    init(_ shape: [Int], axis: Int) {
        outer = shape[..<axis].reduce(1, *)
        inner = shape[(axis + 1)...].reduce(1, *)
    }
}

extension Tensor {
    /// A copy with dimensions reordered (result axis i = input axis `axes[i]`).
    public func permuted(_ axes: [Int]) -> Tensor {
        let outShape = axes.map { shape[$0] }
        var inStrides = Array(repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) { inStrides[axis] = inStrides[axis + 1] * shape[axis + 1] }
        let plan = BroadcastShape(shape: outShape)
        let strides = axes.map { inStrides[$0] }
        var out = [Float](repeating: 0, count: count)
        data.withUnsafeBufferPointer { x in out.withUnsafeMutableBufferPointer { o in
            plan.forEachRun(strides, strides) { start, i, _, length, di, _ in
                for k in 0..<length { o[start + k] = x[i + k * di] }
            }
        } }
        return Tensor(shape: outShape, data: out)
    }
}

extension Variable {
    /// Entries along `axis` picked by `indices` (result index j reads input
    /// index indices[j]): a channel permutation when `indices` is one. The
    /// gradient is scattered back, adding where an index repeats.
    public func gathered(axis: Int, indices: [Int]) -> Variable {
        let layout = AxisLayout(shape, axis: axis)
        let size = shape[axis]
        precondition(indices.allSatisfy { (0..<size).contains($0) }, "gather index out of 0..<\(size)")
        var outShape = shape
        outShape[axis] = indices.count
        var out = [Float](repeating: 0, count: outShape.reduce(1, *))
        value.data.withUnsafeBufferPointer { x in
            for outer in 0..<layout.outer {
                for (j, index) in indices.enumerated() {
                    let from = (outer * size + index) * layout.inner, to = (outer * indices.count + j) * layout.inner
                    for i in 0..<layout.inner { out[to + i] = x[from + i] }
                }
            }
        }
        return Variable(Tensor(shape: outShape, data: out), inputs: [self]) { [shape] g in
            var full = [Float](repeating: 0, count: shape.reduce(1, *))
            g.data.withUnsafeBufferPointer { gd in
                for outer in 0..<layout.outer {
                    for (j, index) in indices.enumerated() {
                        let to = (outer * size + index) * layout.inner, from = (outer * indices.count + j) * layout.inner
                        for i in 0..<layout.inner { full[to + i] += gd[from + i] }
                    }
                }
            }
            return [Tensor(shape: shape, data: full)]
        }
    }
}
