import COpenBLAS
import SpeckTensor

/// Exact nearest-neighbour search against a fixed bank of rows, with the
/// distances computed by sgemm as |q|^2 + |b|^2 - 2 q.b (as anomalib does),
/// clamped at zero before the square root.
public struct NearestNeighbourSearch: Sendable {
    public let bank: PatchMatrix
    private let bankNorms: [Float]
    /// Bank rows as [-2b, |b|^2, 1]: against queries [q, 1, |q|^2] one sgemm
    /// yields whole squared distances, so only a row minimum remains to find.
    let augmentedBank: [Float]
    /// Bank rows per sgemm call: keeps the product block in the L2 cache.
    let blockRows = 512

    public init(bank: PatchMatrix) {
        BLAS.configure()   // before this search's first sgemm/sgemv
        self.bank = bank
        let norms = bank.rowSquaredNorms()
        self.bankNorms = norms
        let d = bank.dim, width = d + 2
        var augmented = [Float](repeating: 1, count: bank.rows * width)
        for r in 0..<bank.rows {
            for c in 0..<d { augmented[r * width + c] = -2 * bank.values[r * d + c] }
            augmented[r * width + d] = norms[r]
        }
        self.augmentedBank = augmented
    }

    public struct Match: Sendable, Equatable {
        public var distances: [Float]
        public var indices: [Int]
    }

    /// For every query row: the Euclidean distance to its nearest bank row and that row's index.
    public func nearest(_ queries: PatchMatrix) -> Match {
        precondition(queries.dim == bank.dim, "query width \(queries.dim) does not match the bank's \(bank.dim)")
        let m = queries.rows, n = bank.rows
        var best = [Float](repeating: .infinity, count: m)
        var bestIndex = [Int](repeating: 0, count: m)
        guard n > 0, m > 0 else { return Match(distances: best, indices: bestIndex) }
        forEachDistanceBlock(queries) { start, rows, products in
            for i in 0..<m {
                let row = products + i * rows
                // The value first (one SIMD pass); where it is only when it beats the best so far.
                let smallest = VectorMath.minimum(row, count: rows)
                if smallest < best[i] {
                    best[i] = smallest
                    bestIndex[i] = start + (0..<rows).first { row[$0] == smallest }!
                }
            }
        }
        for i in 0..<m { best[i] = best[i].clampedSquareRoot }
        return Match(distances: best, indices: bestIndex)
    }

    /// One sgemm per block of bank rows: `visit(start, count, products)` sees, for
    /// query i and bank row start + j, products[i * count + j] = |q_i|^2 - 2 q_i . b_j + |b_j|^2,
    /// the squared distance by the norm expansion.
    func forEachDistanceBlock(_ queries: PatchMatrix,
                              _ visit: (_ start: Int, _ count: Int, _ products: UnsafePointer<Float>) -> Void) {
        let m = queries.rows, n = bank.rows, width = bank.dim + 2
        guard m > 0, n > 0 else { return }
        let block = min(blockRows, n)
        var product = [Float](repeating: 0, count: m * block)
        augmentedQueries(queries).withUnsafeBufferPointer { q in
            augmentedBank.withUnsafeBufferPointer { b in
                product.withUnsafeMutableBufferPointer { p in
                    var start = 0
                    while start < n {
                        let count = min(block, n - start)
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(count), Int32(width),
                                    1, q.baseAddress!, Int32(width), b.baseAddress! + start * width, Int32(width),
                                    0, p.baseAddress!, Int32(count))
                        visit(start, count, UnsafePointer(p.baseAddress!))
                        start += count
                    }
                }
            }
        }
    }

    /// Query rows as [q, 1, |q|^2], to multiply with `augmentedBank`.
    func augmentedQueries(_ queries: PatchMatrix) -> [Float] {
        let m = queries.rows, d = queries.dim, width = d + 2
        let queryNorms = queries.rowSquaredNorms()
        var augmented = [Float](repeating: 1, count: m * width)
        for r in 0..<m {
            for c in 0..<d { augmented[r * width + c] = queries.values[r * d + c] }
            augmented[r * width + d + 1] = queryNorms[r]
        }
        return augmented
    }

    /// The `k` bank rows nearest to `query` (ascending distance), by the same
    /// norm-expansion formula; every dot product comes from one sgemv.
    public func kNearest(to query: UnsafePointer<Float>, k: Int) -> [(index: Int, distance: Float)] {
        guard k > 0, bank.rows > 0 else { return [] }
        let d = bank.dim
        let qNorm = VectorMath.dot(query, query, count: d)
        var dots = [Float](repeating: 0, count: bank.rows)
        bank.values.withUnsafeBufferPointer { b in
            cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(bank.rows), Int32(d), 1, b.baseAddress!, Int32(d),
                        query, 1, 0, &dots, 1)
        }
        // The k best so far, ascending; ties keep the lower index first (as torch.topk does in practice).
        var best: [(index: Int, distance: Float)] = []
        best.reserveCapacity(k + 1)
        for j in 0..<bank.rows {
            let distance = (qNorm + bankNorms[j] - 2 * dots[j]).clampedSquareRoot
            if best.count == k, distance >= best[k - 1].distance { continue }
            var slot = best.count
            while slot > 0 && best[slot - 1].distance > distance { slot -= 1 }
            best.insert((j, distance), at: slot)
            if best.count > k { best.removeLast() }
        }
        return best
    }

    /// Euclidean distance between a query and one bank row, by the same formula.
    public func distance(from query: UnsafePointer<Float>, toBankRow j: Int) -> Float {
        let d = bank.dim
        let qNorm = VectorMath.dot(query, query, count: d)
        return bank.values.withUnsafeBufferPointer { b in
            (qNorm + bankNorms[j] - 2 * VectorMath.dot(query, b.baseAddress! + j * d, count: d)).clampedSquareRoot
        }
    }
}

extension Float {
    /// sqrt(max(self, 0)): rounding in the norm expansion can dip just below zero.
    @inlinable var clampedSquareRoot: Float { (self > 0 ? self : 0).squareRoot() }
}
