import COpenBLAS

extension NearestNeighbourSearch {
    /// For every query row, the `k` bank rows nearest by the norm-expansion
    /// formula, nearest first (ties: lower row first): candidates among which
    /// an exact distance decides. One sgemm per block of bank rows, as `nearest`.
    public func candidates(_ queries: PatchMatrix, k wanted: Int) -> [[Int]] {
        precondition(queries.dim == bank.dim, "query width \(queries.dim) does not match the bank's \(bank.dim)")
        let m = queries.rows, n = bank.rows, width = bank.dim + 2, k = min(wanted, n)
        guard m > 0, k > 0 else { return [[Int]](repeating: [], count: m) }
        // Per query, its best k so far (flat: k slots each) and how many slots are filled.
        var values = [Float](repeating: .infinity, count: m * k)
        var rows = [Int](repeating: 0, count: m * k)
        var filled = [Int](repeating: 0, count: m)
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
                        for i in 0..<m {
                            let product = p.baseAddress! + i * count, base = i * k
                            var worst = filled[i] == k ? values[base + k - 1] : .infinity
                            for j in 0..<count where product[j] < worst {
                                // Insert in order; an equal value stays behind the lower row already there.
                                var slot = min(filled[i], k - 1)
                                while slot > 0 && values[base + slot - 1] > product[j] {
                                    values[base + slot] = values[base + slot - 1]
                                    rows[base + slot] = rows[base + slot - 1]
                                    slot -= 1
                                }
                                values[base + slot] = product[j]
                                rows[base + slot] = start + j
                                filled[i] = min(k, filled[i] + 1)
                                worst = filled[i] == k ? values[base + k - 1] : .infinity
                            }
                        }
                        start += count
                    }
                }
            }
        }
        return (0..<m).map { i in Array(rows[(i * k)..<(i * k + filled[i])]) }
    }
}
