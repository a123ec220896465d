import Foundation
import SpeckTensor

/// How PatchCore thins its patches to a coreset (`--param coreset_method=`).
public enum CoresetMethod: String, Sendable, CaseIterable {
    /// Exact greedy k-center with triangle-inequality pruning (`KCenterGreedy`):
    /// fast on uniform objects, on one core, and slow on textures.
    case exact
    /// Greedy k-center run in compact cells of nearby patches on all cores and
    /// merged by radius (`PartitionedKCenter`): bounded cost, approximate.
    case fast

    /// Threads the selection uses (the picks do not depend on it).
    static var threads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Upper bound of the selection's working memory, the patch matrix itself excluded.
    /// `cellRows`: the fast selection's cell size, nil = from its work budget.
    func workingBytes(rows: Int, dim: Int, count: Int, cellRows: Int? = nil) -> Int {
        switch self {
        case .exact: return KCenterGreedy.workingBytes(rows: rows, dim: dim, count: count)
        case .fast: return PartitionedKCenter.workingBytes(rows: rows, dim: dim, count: count, threads: Self.threads,
                                                           cellRows: cellRows)
        }
    }

    /// `count` row indices of `points`; `progress(done, total)` may throw to stop.
    func select(_ points: PatchMatrix, count: Int, seed: UInt64, cellRows: Int? = nil,
                progress: @escaping (Int, Int) throws -> Void) throws -> [Int] {
        switch self {
        case .exact:
            var rng = SeededGenerator(seed: seed)
            let start = Int.random(in: 0..<points.rows, using: &rng)
            return try KCenterGreedy(points: points).select(count: count, startIndex: start) { try progress($0, count) }
        case .fast:
            return try PartitionedKCenter(points: points, threads: Self.threads, seed: seed, cellRows: cellRows).select(count: count, progress: progress)
        }
    }
}
