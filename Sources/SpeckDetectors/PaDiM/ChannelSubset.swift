import SpeckTensor
/// PaDiM's seeded random choice of channels, kept in ascending order.
enum ChannelSubset {
    static func choose(_ count: Int, of total: Int, seed: UInt64) -> [Int] {
        if count >= total { return Array(0..<total) }
        var rng = SeededGenerator(seed: seed)
        var all = Array(0..<total)
        all.shuffle(using: &rng)
        return all.prefix(count).sorted()
    }

    /// Keeps the chosen columns of a patch matrix.
    static func select(_ columns: [Int], from m: PatchMatrix) -> PatchMatrix {
        var out = PatchMatrix(rows: m.rows, dim: columns.count)
        for r in 0..<m.rows {
            for (j, c) in columns.enumerated() { out.values[r * columns.count + j] = m.values[r * m.dim + c] }
        }
        return out
    }
}
