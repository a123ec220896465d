extension NearestNeighbourSearch {
    /// For every query row, the `k` bank rows nearest by the norm-expansion
    /// formula, nearest first (ties: lower row first): candidates among which
    /// an exact distance decides. One sgemm per block of bank rows, as `nearest`.
    public func candidates(_ queries: PatchMatrix, k wanted: Int) -> [[Int]] {
        precondition(queries.dim == bank.dim, "query width \(queries.dim) does not match the bank's \(bank.dim)")
        let m = queries.rows, n = bank.rows, k = min(wanted, n)
        guard m > 0, k > 0 else { return [[Int]](repeating: [], count: m) }
        // Per query, its best k so far (flat: k slots each) and how many slots are filled.
        var values = [Float](repeating: .infinity, count: m * k)
        var rows = [Int](repeating: 0, count: m * k)
        var filled = [Int](repeating: 0, count: m)
        forEachDistanceBlock(queries) { start, count, products in
            for i in 0..<m {
                let product = products + i * count, base = i * k
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
        }
        return (0..<m).map { i in Array(rows[(i * k)..<(i * k + filled[i])]) }
    }
}
