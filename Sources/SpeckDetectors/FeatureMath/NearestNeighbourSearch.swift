import COpenBLAS

/// Exact nearest-neighbour search against a fixed bank of rows, with the
/// distances computed by sgemm as |q|^2 + |b|^2 - 2 q.b (as anomalib does),
/// clamped at zero before the square root.
public struct NearestNeighbourSearch: Sendable {
    public let bank: PatchMatrix
    private let bankNorms: [Float]
    /// Bank rows per sgemm call: keeps the product block small enough for the cache.
    private let blockRows = 1024

    public init(bank: PatchMatrix) {
        self.bank = bank
        self.bankNorms = bank.rowSquaredNorms()
    }

    public struct Match: Sendable, Equatable {
        public var distances: [Float]
        public var indices: [Int]
    }

    /// For every query row: the Euclidean distance to its nearest bank row and that row's index.
    public func nearest(_ queries: PatchMatrix) -> Match {
        precondition(queries.dim == bank.dim, "query width \(queries.dim) does not match the bank's \(bank.dim)")
        let m = queries.rows, n = bank.rows, d = bank.dim
        var best = [Float](repeating: .infinity, count: m)
        var bestIndex = [Int](repeating: 0, count: m)
        guard n > 0, m > 0 else { return Match(distances: best, indices: bestIndex) }
        let block = min(blockRows, n)
        var product = [Float](repeating: 0, count: m * block)
        queries.values.withUnsafeBufferPointer { q in
            bank.values.withUnsafeBufferPointer { b in
                bankNorms.withUnsafeBufferPointer { norms in
                    product.withUnsafeMutableBufferPointer { p in
                        var start = 0
                        while start < n {
                            let rows = min(block, n - start)
                            // p[i, j] = -2 q_i . b_(start+j)
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(rows), Int32(d),
                                        -2, q.baseAddress!, Int32(d), b.baseAddress! + start * d, Int32(d),
                                        0, p.baseAddress!, Int32(rows))
                            for i in 0..<m {
                                let row = p.baseAddress! + i * rows
                                let (value, j) = NearestNeighbourSearch.minimum(row, plus: norms.baseAddress! + start, count: rows)
                                if value < best[i] { best[i] = value; bestIndex[i] = start + j }
                            }
                            start += rows
                        }
                    }
                }
            }
        }
        let queryNorms = queries.rowSquaredNorms()
        for i in 0..<m { best[i] = (best[i] + queryNorms[i]).clampedSquareRoot }
        return Match(distances: best, indices: bestIndex)
    }

    /// The `k` bank rows nearest to `query` (ascending distance), by the same
    /// norm-expansion formula.
    public func kNearest(to query: UnsafePointer<Float>, k: Int) -> [(index: Int, distance: Float)] {
        let d = bank.dim
        let qNorm = VectorMath.dot(query, query, count: d)
        var all = [(index: Int, distance: Float)]()
        all.reserveCapacity(bank.rows)
        bank.values.withUnsafeBufferPointer { b in
            for j in 0..<bank.rows {
                let dot = VectorMath.dot(query, b.baseAddress! + j * d, count: d)
                all.append((j, (qNorm + bankNorms[j] - 2 * dot).clampedSquareRoot))
            }
        }
        // Stable order for ties: by distance, then index (torch.topk picks the lower index in practice).
        all.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.index < $1.index }
        return Array(all.prefix(k))
    }

    /// Euclidean distance between a query and one bank row, by the same formula.
    public func distance(from query: UnsafePointer<Float>, toBankRow j: Int) -> Float {
        let d = bank.dim
        let qNorm = VectorMath.dot(query, query, count: d)
        return bank.values.withUnsafeBufferPointer { b in
            (qNorm + bankNorms[j] - 2 * VectorMath.dot(query, b.baseAddress! + j * d, count: d)).clampedSquareRoot
        }
    }

    /// min_j (row[j] + add[j]) and its first index; vectorised search for the value, then a scan for the index.
    @inline(__always)
    static func minimum(_ row: UnsafeMutablePointer<Float>, plus add: UnsafePointer<Float>, count: Int) -> (Float, Int) {
        var j = 0
        var acc = SIMD16<Float>(repeating: .infinity)
        let r = UnsafeMutableRawPointer(row), a = UnsafeRawPointer(add)
        while j + 16 <= count {
            let v = r.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
                + a.loadUnaligned(fromByteOffset: j * 4, as: SIMD16<Float>.self)
            r.storeBytes(of: v, toByteOffset: j * 4, as: SIMD16<Float>.self)
            acc = pointwiseMin(acc, v)
            j += 16
        }
        var value = acc.min()
        while j < count { row[j] += add[j]; value = min(value, row[j]); j += 1 }
        var index = 0
        while index < count - 1 && row[index] != value { index += 1 }
        return (value, index)
    }
}

extension Float {
    /// sqrt(max(self, 0)): rounding in the norm expansion can dip just below zero.
    @inlinable var clampedSquareRoot: Float { (self > 0 ? self : 0).squareRoot() }
}
