import SpeckTensor

/// NumPy broadcasting: shapes are aligned at the right, and a dimension of 1
/// (or a missing one) repeats to match the other. `BroadcastShape` walks the
/// output once, giving each element's offset in a (smaller) input.
struct BroadcastShape {
    let shape: [Int]

    /// The broadcast shape of `a` and `b`, or nil when they do not broadcast.
    static func of(_ a: [Int], _ b: [Int]) -> BroadcastShape? {
        let rank = max(a.count, b.count)
        let a = Array(repeating: 1, count: rank - a.count) + a
        let b = Array(repeating: 1, count: rank - b.count) + b
        var shape: [Int] = []
        for (x, y) in zip(a, b) {
            guard x == y || x == 1 || y == 1 else { return nil }
            shape.append(x == 1 ? y : x)
        }
        return BroadcastShape(shape: shape)
    }

    /// Strides of `input` seen in this shape: 0 along the repeated dimensions.
    func strides(of input: [Int]) -> [Int] {
        let padded = Array(repeating: 1, count: shape.count - input.count) + input
        var strides = Array(repeating: 0, count: shape.count)
        var step = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = padded[axis] == 1 ? 0 : step
            step *= padded[axis]
        }
        return strides
    }

    /// Calls `body(outOffset, aOffset, bOffset, runLength, aStep, bStep)` for each
    /// run of the innermost dimension.
    @inline(__always)
    func forEachRun(_ aStrides: [Int], _ bStrides: [Int], _ body: (Int, Int, Int, Int, Int, Int) -> Void) {
        let count = shape.reduce(1, *)
        guard count > 0 else { return }
        guard let inner = shape.last else { body(0, 0, 0, 1, 0, 0); return }
        let rank = shape.count
        var index = Array(repeating: 0, count: rank)
        var out = 0, a = 0, b = 0
        while out < count {
            body(out, a, b, inner, aStrides[rank - 1], bStrides[rank - 1])
            out += inner
            // Advance the outer dimensions like an odometer.
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                a += aStrides[axis]
                b += bStrides[axis]
                if index[axis] < shape[axis] { break }
                a -= aStrides[axis] * shape[axis]
                b -= bStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
    }
}

extension Tensor {
    /// `op` applied to every pair of elements of `a` and `b`, broadcast.
    @inline(__always)
    static func broadcast(_ a: Tensor, _ b: Tensor, _ op: (Float, Float) -> Float) -> Tensor {
        // Outputs are written once each, so they start uninitialised: zeroing
        // them first would be one more pass over memory per op.
        if a.shape == b.shape {
            let out = [Float](unsafeUninitializedCapacity: a.count) { o, initialised in
                a.data.withUnsafeBufferPointer { x in b.data.withUnsafeBufferPointer { y in
                    for i in 0..<o.count { o[i] = op(x[i], y[i]) }
                } }
                initialised = o.count
            }
            return Tensor(shape: a.shape, data: out)
        }
        guard let plan = BroadcastShape.of(a.shape, b.shape) else {
            preconditionFailure("shapes \(a.shape) and \(b.shape) do not broadcast")
        }
        let out = [Float](unsafeUninitializedCapacity: plan.shape.reduce(1, *)) { o, initialised in
            a.data.withUnsafeBufferPointer { x in b.data.withUnsafeBufferPointer { y in
                plan.forEachRun(plan.strides(of: a.shape), plan.strides(of: b.shape)) { start, i, j, length, di, dj in
                    for k in 0..<length { o[start + k] = op(x[i + k * di], y[j + k * dj]) }
                }
            } }
            initialised = o.count
        }
        return Tensor(shape: plan.shape, data: out)
    }

    /// Sums this (broadcast) tensor back down to `target`: the gradient of a
    /// broadcast input.
    func summed(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let plan = BroadcastShape(shape: shape)
        var out = [Float](repeating: 0, count: target.reduce(1, *))
        let zeros = Array(repeating: 0, count: shape.count)
        data.withUnsafeBufferPointer { x in out.withUnsafeMutableBufferPointer { o in
            plan.forEachRun(plan.strides(of: target), zeros) { start, i, _, length, di, _ in
                if di == 0 {
                    var sum: Float = 0
                    for k in 0..<length { sum += x[start + k] }
                    o[i] += sum
                } else {
                    for k in 0..<length { o[i + k * di] += x[start + k] }
                }
            }
        } }
        return Tensor(shape: target, data: out)
    }

    /// `op` applied to every element.
    @inline(__always)
    func mapped(_ op: (Float) -> Float) -> Tensor {
        let out = [Float](unsafeUninitializedCapacity: count) { o, initialised in
            data.withUnsafeBufferPointer { x in for i in 0..<o.count { o[i] = op(x[i]) } }
            initialised = o.count
        }
        return Tensor(shape: shape, data: out)
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor { broadcast(a, b, +) }
    public static func - (a: Tensor, b: Tensor) -> Tensor { broadcast(a, b, -) }
    public static func * (a: Tensor, b: Tensor) -> Tensor { broadcast(a, b, *) }
    public static func / (a: Tensor, b: Tensor) -> Tensor { broadcast(a, b, /) }
    public static func * (a: Tensor, s: Float) -> Tensor { a.mapped { $0 * s } }
    public static func + (a: Tensor, s: Float) -> Tensor { a.mapped { $0 + s } }

    /// Sum of all elements, accumulated in Double.
    public var sum: Float {
        var total: Double = 0
        for x in data { total += Double(x) }
        return Float(total)
    }

    public static func filled(_ value: Float, _ shape: [Int]) -> Tensor {
        Tensor(shape: shape, data: [Float](repeating: value, count: shape.reduce(1, *)))
    }
}
