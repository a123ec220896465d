import SpeckTensor

/// Splits the rows of a matrix into cells of nearby rows, each at most
/// `maxRows` rows, by recursive median splits (a ball-tree style partition):
/// a cell too large is cut in half across the direction joining two mutually
/// far rows, so that each half is compact in feature space. Median cuts keep
/// the cells balanced whatever the data, which is what bounds the work of the
/// per-cell coreset search. Deterministic for a given seed.
enum RowPartition {
    /// Cells of row indices, each sorted ascending; together they hold every row once.
    static func cells(of points: PatchMatrix, maxRows: Int, seed: UInt64) -> [[Int32]] {
        precondition(maxRows >= 1, "cells need at least one row")
        var rng = SeededGenerator(seed: seed)
        var finished: [[Int32]] = []
        var pending: [[Int32]] = [(0..<points.rows).map { Int32($0) }]
        points.values.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!, d = points.dim
            func row(_ i: Int32) -> UnsafePointer<Float> { base + Int(i) * d }
            func farthest(from a: Int32, in rows: [Int32]) -> Int32 {
                var best = a, bestDistance: Float = -1
                for r in rows {
                    let distance = VectorMath.squaredDistance(row(r), row(a), count: d)
                    if distance > bestDistance { best = r; bestDistance = distance }
                }
                return best
            }
            while let rows = pending.popLast() {
                if rows.count <= maxRows {
                    finished.append(rows)
                    continue
                }
                let a = rows[Int.random(in: 0..<rows.count, using: &rng)]
                let b = farthest(from: a, in: rows)
                let c = farthest(from: b, in: rows)
                var direction = [Float](repeating: 0, count: d)
                for j in 0..<d { direction[j] = row(c)[j] - row(b)[j] }
                let keys = direction.withUnsafeBufferPointer { dir in
                    rows.map { VectorMath.dot(row($0), dir.baseAddress!, count: d) }
                }
                // Sort by position along the direction (ties by row: identical rows still split evenly).
                let order = rows.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : rows[$0] < rows[$1] }
                let half = rows.count / 2
                // Pushed so that the lower half is cut (and finished) first: the cell order is fixed.
                pending.append(order[half...].map { rows[$0] }.sorted())
                pending.append(order[..<half].map { rows[$0] }.sorted())
            }
        }
        return finished
    }
}
