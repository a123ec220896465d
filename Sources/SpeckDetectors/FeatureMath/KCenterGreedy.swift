/// Greedy k-center coreset selection (Sener & Savarese 2018, as used by
/// PatchCore): start from a random row, then repeatedly take the row farthest
/// from everything taken so far. As in anomalib, the random start only seeds
/// the distances and is not itself part of the result.
///
/// The plain algorithm rescans every row per pick (N x k distance evaluations).
/// This one gives the same picks but keeps each row in the group of its
/// nearest picked center, members sorted by distance (farthest first), and
/// uses the triangle inequality to skip work a new center c cannot change:
/// - a whole group, when d(c, center) >= 2 * radius (screened for all groups
///   at once by one sgemv against a contiguous copy of the centers, with a
///   safety margin for its rounding, then confirmed exactly);
/// - the rest of a group's members, once d(c, center) >= 2 * d(member, center).
import COpenBLAS

public struct KCenterGreedy {
    public let points: PatchMatrix

    public init(points: PatchMatrix) { self.points = points }

    /// Upper bound of the working memory of `select` (the points themselves not included):
    /// per-row distances, norms, group members and their re-sorting; a copy of the centers.
    public static func workingBytes(rows: Int, dim: Int, count: Int) -> Int {
        24 * rows + (count + 1) * (4 * dim + 24)
    }

    /// One center and the rows whose nearest center it is, farthest first.
    private struct Group {
        var center: Int
        var members: [Int32]
    }

    /// Picks `count` row indices. `progress(done)` is called now and then; it may throw to stop.
    public func select(count: Int, startIndex: Int, progress: (Int) throws -> Void = { _ in }) throws -> [Int] {
        let n = points.rows, d = points.dim
        guard count > 0, n > 0 else { return [] }
        precondition(startIndex >= 0 && startIndex < n, "start index out of range")
        let k = min(count, n)
        let squaredNorms = points.rowSquaredNorms()
        // Centers in group order, contiguous for the sgemv screen.
        var centerRows = [Float](repeating: 0, count: (k + 1) * d)
        var centerSquaredNorms = [Float](repeating: 0, count: k + 1)
        var dots = [Float](repeating: 0, count: k + 1)
        var distance = [Float](repeating: 0, count: n)  // to the nearest center
        var groups: [Group] = []
        groups.reserveCapacity(k + 1)
        var selected: [Int] = []
        selected.reserveCapacity(k)

        return try points.values.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            func between(_ i: Int, _ j: Int) -> Float {
                VectorMath.squaredDistance(base + i * d, base + j * d, count: d).squareRoot()
            }
            func sortedFarthestFirst(_ members: [Int32]) -> [Int32] {
                members.sorted { distance[Int($0)] != distance[Int($1)] ? distance[Int($0)] > distance[Int($1)] : $0 < $1 }
            }
            func radius(_ g: Group) -> Float { g.members.first.map { distance[Int($0)] } ?? 0 }

            func addCenter(_ row: Int, members: [Int32]) {
                let slot = groups.count
                centerRows.withUnsafeMutableBufferPointer { ($0.baseAddress! + slot * d).update(from: base + row * d, count: d) }
                centerSquaredNorms[slot] = squaredNorms[row]
                groups.append(Group(center: row, members: members))
            }

            for i in 0..<n { distance[i] = between(i, startIndex) }
            addCenter(startIndex, members: sortedFarthestFirst((0..<n).map { Int32($0) }))

            for step in 0..<k {
                var widest = 0, widestRadius = radius(groups[0])
                for g in 1..<groups.count {
                    let r = radius(groups[g])
                    if r > widestRadius { widest = g; widestRadius = r }
                }
                let newCenter: Int
                if widestRadius > 0 {
                    newCenter = Int(groups[widest].members[0])
                } else {
                    // Every row coincides with a center: take any row not yet picked.
                    let taken = Set(selected)
                    guard let free = (0..<n).first(where: { !taken.contains($0) }) else { break }
                    newCenter = free
                }
                selected.append(newCenter)

                // dots[g] = c . center_g for every group at once.
                centerRows.withUnsafeBufferPointer { rows in
                    cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(groups.count), Int32(d), 1, rows.baseAddress!, Int32(d),
                                base + newCenter * d, 1, 0, &dots, 1)
                }
                var moved: [Int32] = []
                for g in 0..<groups.count {
                    let r = radius(groups[g])
                    guard r > 0 else { continue }
                    let approximate = centerSquaredNorms[g] + squaredNorms[newCenter] - 2 * dots[g]
                    let limit = 4 * r * r
                    // The norm expansion loses about 1e-6 of the norms: skip only when clearly beyond.
                    let slack = 1e-4 * (centerSquaredNorms[g] + squaredNorms[newCenter]) + 1e-3 * limit
                    if approximate > limit + slack { continue }
                    let center = groups[g].center
                    let centerDistance = between(newCenter, center)
                    guard centerDistance < 2 * r else { continue }
                    var kept: [Int32] = []
                    var changed = false
                    let members = groups[g].members
                    var index = 0
                    while index < members.count {
                        let p = Int(members[index])
                        if 2 * distance[p] <= centerDistance { break }  // this one and all closer ones stay
                        let dp = p == newCenter ? 0 : between(p, newCenter)
                        if dp < distance[p] {
                            distance[p] = dp
                            moved.append(members[index])
                            if !changed { kept = Array(members[0..<index]); changed = true }
                        } else if changed {
                            kept.append(members[index])
                        }
                        index += 1
                    }
                    if changed {
                        kept.append(contentsOf: members[index...])
                        groups[g].members = kept
                    }
                }
                addCenter(newCenter, members: sortedFarthestFirst(moved))
                if step % 256 == 0 { try progress(step) }
            }
            try progress(selected.count)
            return selected
        }
    }
}
