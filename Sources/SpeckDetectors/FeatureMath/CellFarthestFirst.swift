import SpeckTensor

/// Greedy k-center (farthest-first) picks inside one cell of rows, resumable:
/// `advance(to:)` can be called again with a larger count and carries on where
/// it stopped. The first pick is a random start row (unlike `KCenterGreedy`,
/// where it only seeds the distances, as in anomalib: there a start row far
/// from everything stays uncovered). Each pick records its radius: its squared
/// distance to the nearest earlier pick when it was taken, which never grows
/// from one pick to the next, so picks of different cells can be merged by radius.
///
/// Every pick is one plain pass over the cell (distance update fused with the
/// search for the next farthest row): the cost per pick is fixed by the cell's
/// size, whatever the data.
struct CellFarthestFirst: Sendable {
    /// Rows of the cell (global indices, ascending).
    let rows: [Int32]
    private let startRow: Int
    /// Picks as global row indices, in pick order, and their radii.
    private(set) var picks: [Int32] = []
    private(set) var radii: [Float] = []
    /// True once every row coincides with a pick: no further pick adds coverage.
    private(set) var exhausted = false
    /// Squared distance of each row to its nearest pick (or to the start row); empty before the first advance.
    private var distances: [Float] = []

    init(rows: [Int32], seed: UInt64) {
        precondition(!rows.isEmpty, "a cell needs rows")
        self.rows = rows
        var rng = SeededGenerator(seed: seed)
        startRow = Int.random(in: 0..<rows.count, using: &rng)
    }

    /// Floats of scratch space `advance` needs for a cell of `rows` rows of `dim` values.
    static func scratchCount(rows: Int, dim: Int) -> Int { rows * paddedDim(dim) }

    /// Rows are copied with their width padded to whole SIMD16 blocks (zeros change no distance).
    static func paddedDim(_ dim: Int) -> Int { (dim + 15) / 16 * 16 }

    /// Picks until there are `count` picks (or the cell is exhausted). `tick(n)` is
    /// told every few picks how many were made since its last call; it may throw to stop.
    mutating func advance(to count: Int, points: PatchMatrix, scratch: inout [Float],
                          tick: (Int) throws -> Void) rethrows {
        let target = min(count, rows.count)
        guard picks.count < target, !exhausted else { return }
        let n = rows.count, d = points.dim, stride = Self.paddedDim(d)
        if scratch.count < n * stride { scratch = [Float](repeating: 0, count: n * stride) }
        gather(points, into: &scratch, stride: stride)
        // Worked on as locals (the closures below must not overlap accesses to self).
        var distances = self.distances.isEmpty ? [Float](repeating: .infinity, count: n) : self.distances
        var picks = self.picks, radii = self.radii, exhausted = false
        defer { self.distances = distances; self.picks = picks; self.radii = radii; self.exhausted = exhausted }
        let rows = self.rows, startRow = self.startRow
        var sinceTick = 0
        try scratch.withUnsafeBufferPointer { cell in
            let base = UnsafeRawPointer(cell.baseAddress!)
            try distances.withUnsafeMutableBufferPointer { distance in
                // Applying the start row again is a no-op after the first call: this pass
                // just finds the farthest row when resuming.
                var next = Self.update(distance, base: base, n: n, stride: stride, centre: startRow)
                if picks.isEmpty {
                    // The start row is the cell's first pick, with the radius the cell has around it
                    // (that of the first farthest row): left out, an outlier start would be uncovered.
                    picks.append(rows[startRow])
                    radii.append(distance[next])
                }
                while picks.count < target {
                    let radius = distance[next]
                    if radius <= 0 { exhausted = true; break }
                    picks.append(rows[next])
                    radii.append(radius)
                    next = Self.update(distance, base: base, n: n, stride: stride, centre: next)
                    sinceTick += 1
                    if sinceTick == 64 { try tick(sinceTick); sinceTick = 0 }
                }
            }
        }
        if sinceTick > 0 { try tick(sinceTick) }
    }

    /// Lowers every row's distance to the distance to row `centre` where that is
    /// closer and returns the row now farthest from all picks (lowest index on ties).
    private static func update(_ distance: UnsafeMutableBufferPointer<Float>, base: UnsafeRawPointer, n: Int, stride: Int,
                        centre: Int) -> Int {
        let blocks = stride / 16
        let c = base + centre * stride * 4
        var best = 0, bestDistance: Float = -1
        for i in 0..<n {
            var di = distance[i]
            if di > 0 {
                let candidate = squaredDistance(base + i * stride * 4, c, blocks: blocks)
                if candidate < di { di = candidate; distance[i] = di }
            }
            if di > bestDistance { best = i; bestDistance = di }
        }
        return best
    }

    private func gather(_ points: PatchMatrix, into scratch: inout [Float], stride: Int) {
        let d = points.dim
        points.values.withUnsafeBufferPointer { src in
            scratch.withUnsafeMutableBufferPointer { dst in
                for (k, r) in rows.enumerated() {
                    let out = dst.baseAddress! + k * stride
                    out.update(from: src.baseAddress! + Int(r) * d, count: d)
                    if stride > d { (out + d).update(repeating: 0, count: stride - d) }
                }
            }
        }
    }

    @inline(__always)
    private static func squaredDistance(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, blocks: Int) -> Float {
        var acc0 = SIMD16<Float>(), acc1 = SIMD16<Float>()
        var k = 0
        while k + 2 <= blocks {
            let d0 = a.loadUnaligned(fromByteOffset: k * 64, as: SIMD16<Float>.self)
                - b.loadUnaligned(fromByteOffset: k * 64, as: SIMD16<Float>.self)
            let d1 = a.loadUnaligned(fromByteOffset: k * 64 + 64, as: SIMD16<Float>.self)
                - b.loadUnaligned(fromByteOffset: k * 64 + 64, as: SIMD16<Float>.self)
            acc0 += d0 * d0
            acc1 += d1 * d1
            k += 2
        }
        if k < blocks {
            let d0 = a.loadUnaligned(fromByteOffset: k * 64, as: SIMD16<Float>.self)
                - b.loadUnaligned(fromByteOffset: k * 64, as: SIMD16<Float>.self)
            acc0 += d0 * d0
        }
        return (acc0 + acc1).sum()
    }
}
