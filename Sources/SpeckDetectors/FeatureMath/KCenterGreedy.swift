/// Greedy k-center coreset selection (Sener & Savarese 2018, as used by
/// PatchCore): start from a random row, then repeatedly take the row farthest
/// from everything taken so far. As in anomalib, the random start only seeds
/// the distances and is not itself part of the result.
///
/// The plain algorithm rescans every row per pick (N x k distance evaluations).
/// This one gives the same picks but keeps each row assigned to its nearest
/// picked center and skips a whole center's group when the triangle inequality
/// proves that the new center cannot be closer to any of its rows:
/// d(new, c) >= 2 * radius(c)  =>  d(new, p) >= d(p, c) for every p in the group.
public struct KCenterGreedy {
    public let points: PatchMatrix

    public init(points: PatchMatrix) { self.points = points }

    /// One center and the rows whose nearest center it is.
    private struct Group {
        var center: Int
        var members: [Int32]
        var radius2: Float = 0     // largest squared distance of a member to the center
        var farthest: Int = -1     // the member at that distance
    }

    /// Picks `count` row indices. `progress(done)` is called now and then; it may throw to stop.
    public func select(count: Int, startIndex: Int, progress: (Int) throws -> Void = { _ in }) rethrows -> [Int] {
        let n = points.rows, d = points.dim
        guard count > 0, n > 0 else { return [] }
        precondition(startIndex >= 0 && startIndex < n, "start index out of range")
        let k = min(count, n)
        var minDistance2 = [Float](repeating: 0, count: n)
        var groups: [Group] = []
        groups.reserveCapacity(k + 1)
        var selected: [Int] = []
        selected.reserveCapacity(k)

        return try points.values.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            func row(_ i: Int) -> UnsafePointer<Float> { base + i * d }

            // The start seeds one group holding every row.
            var first = Group(center: startIndex, members: (0..<n).map { Int32($0) })
            for i in 0..<n {
                let dist = VectorMath.squaredDistance(row(i), row(startIndex), count: d)
                minDistance2[i] = dist
                if dist > first.radius2 { first.radius2 = dist; first.farthest = i }
            }
            groups.append(first)

            for step in 0..<k {
                // The farthest row overall is the farthest member of the widest group.
                var widest = 0
                for g in 1..<groups.count where groups[g].radius2 > groups[widest].radius2 { widest = g }
                let newCenter: Int
                if groups[widest].farthest >= 0 && groups[widest].radius2 > 0 {
                    newCenter = groups[widest].farthest
                } else {
                    // Every row coincides with a center: take any row not yet picked.
                    let taken = Set(selected)
                    guard let free = (0..<n).first(where: { !taken.contains($0) }) else { break }
                    newCenter = free
                }
                selected.append(newCenter)
                minDistance2[newCenter] = 0

                var newGroup = Group(center: newCenter, members: [])
                let c = row(newCenter)
                for g in 0..<groups.count where groups[g].radius2 > 0 {
                    let centerDistance2 = VectorMath.squaredDistance(c, row(groups[g].center), count: d)
                    if centerDistance2 >= 4 * groups[g].radius2 { continue }
                    var kept: [Int32] = []
                    kept.reserveCapacity(groups[g].members.count)
                    var radius2: Float = 0, farthest = -1
                    for m in groups[g].members {
                        let p = Int(m)
                        let dist = p == newCenter ? 0 : VectorMath.squaredDistance(row(p), c, count: d)
                        if dist < minDistance2[p] {
                            minDistance2[p] = dist
                            newGroup.members.append(m)
                            if dist > newGroup.radius2 { newGroup.radius2 = dist; newGroup.farthest = p }
                        } else {
                            kept.append(m)
                            if minDistance2[p] > radius2 { radius2 = minDistance2[p]; farthest = p }
                        }
                    }
                    groups[g].members = kept
                    groups[g].radius2 = radius2
                    groups[g].farthest = farthest
                }
                groups.append(newGroup)
                if step % 256 == 0 { try progress(step) }
            }
            try progress(selected.count)
            return selected
        }
    }
}
