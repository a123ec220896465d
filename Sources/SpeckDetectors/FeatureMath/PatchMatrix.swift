import SpeckTensor

/// Patch features as a row-major matrix: one row per feature-map position
/// (row = y * gridWidth + x), one column per channel. This is the layout the
/// sgemm-based distance code and the memory banks use.
public struct PatchMatrix: Sendable, Equatable {
    public var rows: Int
    public var dim: Int
    public var values: [Float]

    public init(rows: Int, dim: Int, values: [Float]) {
        precondition(values.count == rows * dim, "patch matrix size does not match")
        self.rows = rows
        self.dim = dim
        self.values = values
    }

    public init(rows: Int, dim: Int) {
        self.init(rows: rows, dim: dim, values: [Float](repeating: 0, count: rows * dim))
    }

    /// The rows at `indices`, in that order.
    public func gathering(_ indices: [Int]) -> PatchMatrix {
        var out = [Float](repeating: 0, count: indices.count * dim)
        values.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (k, i) in indices.enumerated() {
                    (dst.baseAddress! + k * dim).update(from: src.baseAddress! + i * dim, count: dim)
                }
            }
        }
        return PatchMatrix(rows: indices.count, dim: dim, values: out)
    }

    /// Squared L2 norm of every row.
    public func rowSquaredNorms() -> [Float] {
        values.withUnsafeBufferPointer { v in
            (0..<rows).map { VectorMath.dot(v.baseAddress! + $0 * dim, v.baseAddress! + $0 * dim, count: dim) }
        }
    }

    /// Stacks matrices of equal width on top of each other.
    public static func stacking(_ parts: [PatchMatrix]) -> PatchMatrix {
        guard let first = parts.first else { return PatchMatrix(rows: 0, dim: 0) }
        precondition(parts.allSatisfy { $0.dim == first.dim }, "stacked patch matrices differ in width")
        var values = [Float]()
        values.reserveCapacity(parts.reduce(0) { $0 + $1.values.count })
        for p in parts { values.append(contentsOf: p.values) }
        return PatchMatrix(rows: values.count / max(first.dim, 1), dim: first.dim, values: values)
    }
}

extension PatchMatrix {
    /// The rows at `indices` as a [n, dim] tensor: a mini-batch.
    func batch(_ indices: [Int]) -> Tensor {
        let rows = gathering(indices)
        return Tensor(shape: [rows.rows, rows.dim], data: rows.values)
    }
}
