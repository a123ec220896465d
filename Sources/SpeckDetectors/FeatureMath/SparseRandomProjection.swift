import SpeckTensor
import COpenBLAS

/// A sparse random projection (Li, Hastie & Church 2006; the kind anomalib uses
/// before its coreset search): entries +-sqrt(s / k) with probability 1 / (2s)
/// each, else 0, with s = sqrt(input dims). Distances are roughly preserved,
/// so the coreset search may run on fewer dimensions.
public struct SparseRandomProjection: Sendable {
    public let inputDim: Int
    public let outputDim: Int
    /// Row-major [inputDim, outputDim].
    public let matrix: [Float]

    public init(inputDim: Int, outputDim: Int, seed: UInt64) {
        precondition(inputDim > 0 && outputDim > 0, "projection dimensions must be positive")
        self.inputDim = inputDim
        self.outputDim = outputDim
        var rng = SeededGenerator(seed: seed)
        let s = Double(inputDim).squareRoot()
        let value = Float((s / Double(outputDim)).squareRoot())
        let p = 1 / (2 * s)
        matrix = (0..<(inputDim * outputDim)).map { _ in
            let u = Double.random(in: 0..<1, using: &rng)
            return u < p ? value : (u < 2 * p ? -value : 0)
        }
    }

    public func apply(_ x: PatchMatrix) -> PatchMatrix {
        precondition(x.dim == inputDim, "projection expects \(inputDim) columns, got \(x.dim)")
        var out = PatchMatrix(rows: x.rows, dim: outputDim)
        guard x.rows > 0 else { return out }
        x.values.withUnsafeBufferPointer { a in
            matrix.withUnsafeBufferPointer { m in
                out.values.withUnsafeMutableBufferPointer { o in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(x.rows), Int32(outputDim), Int32(inputDim),
                                1, a.baseAddress!, Int32(inputDim), m.baseAddress!, Int32(outputDim),
                                0, o.baseAddress!, Int32(outputDim))
                }
            }
        }
        return out
    }
}
