import Foundation
import SpeckTensor

/// Approximate greedy k-center coreset with a bounded cost, on several threads.
///
/// Exact greedy (`KCenterGreedy`) streams every row for every pick: on 600,000
/// patches of 152 floats and 60,000 picks that is ~20 TB of memory traffic, and
/// its triangle-inequality pruning stops paying on textured data. Here the rows
/// are first cut into compact cells of nearby rows (`RowPartition`); each cell
/// runs farthest-first on its own rows only (a cell stays in the core's cache,
/// and the cells run in parallel), recording each pick's radius; the picks of
/// all cells are then merged by radius, largest first, which is the order the
/// global greedy takes them in, except that a row is only ever compared with
/// picks of its own cell. Cells whose every pick made the cut are asked for
/// more (doubling) until the cut is stable, so a cell of rare patches gets as
/// many picks as global greedy would give it.
///
/// The cost is bounded whatever the data: a pick costs one scan of its cell
/// (at most `cellBytes`, cache-resident) instead of the whole matrix; the first
/// round makes about 1.5 x `count` picks and each of at most four extension
/// rounds at most `count` more (only cells whose picks all made the cut double),
/// so the work stays under 5.5 x count x cellRows x dim multiply-adds, linear in
/// the data (`speck bench coreset` prints the picks actually made). The
/// partition costs a few passes over the matrix per halving.
/// With a single cell this is plain exact greedy. Deterministic for a seed,
/// whatever the thread timing: every cell's picks depend on its rows only, and
/// the merge is ordered.
///
/// Why not the alternatives: a random projection to 128 dimensions saves
/// little on 152-dimensional features; exact greedy with a blocked sgemm scan
/// still costs rows x picks x dim (~5e12 multiply-adds on 600,000 patches),
/// minutes on two cores; per-chunk coresets merged by a global greedy pass
/// spend picks x picks x dim in that pass. Measured against exact greedy on
/// the shared sets, this one scores the same (see `speck bench coreset` and
/// `--param coreset_method=exact`).
public struct PartitionedKCenter {
    /// A cell's rows (padded) take at most this many bytes, so a pick's scan runs from
    /// the core's own cache (2 MB of L2 on this machine's cores) instead of memory.
    public static let cellBytes = 2 << 20
    /// Cells smaller than this would leave too few rows per pick to choose from.
    public static let minimumCellRows = 2_048
    /// First request per cell, relative to its share of the picks; cells that need more are extended.
    static let firstShare = 1.5
    /// Rounds of extension at most: bounds the picks made (see below) whatever the data.
    static let maximumExtensions = 4

    public let points: PatchMatrix
    public let threads: Int
    public let seed: UInt64
    /// Cell size; nil = `cellRows(rows:dim:)`.
    public let fixedCellRows: Int?

    public init(points: PatchMatrix, threads: Int = 2, seed: UInt64, cellRows: Int? = nil) {
        self.points = points
        self.threads = max(1, threads)
        self.seed = seed
        self.fixedCellRows = cellRows
    }

    /// Rows per cell: as many as fit `cellBytes` (all rows when they fit).
    public static func cellRows(rows: Int, dim: Int) -> Int {
        let fit = cellBytes / (CellFarthestFirst.paddedDim(dim) * MemoryLayout<Float>.size)
        return min(max(rows, 1), max(minimumCellRows, fit))
    }

    /// Upper bound of the working memory of `select` (the points themselves not included).
    public static func workingBytes(rows: Int, dim: Int, count: Int, threads: Int, cellRows fixed: Int? = nil) -> Int {
        let cell = min(rows, fixed ?? cellRows(rows: rows, dim: dim))
        let partition = 20 * rows        // row lists, sort keys and order of the largest split
        let cellState = 8 * rows         // rows and distances of every cell
        let picks = 24 * (3 * count + rows / max(cell / 2, 1) + 1)  // picks, radii and the merge
        let scratch = max(1, threads) * CellFarthestFirst.scratchCount(rows: cell, dim: dim) * 4
        return partition + cellState + picks + scratch
    }

    /// Picks `count` row indices (all rows when there are fewer). `progress(done, total)`
    /// is called now and then, from any thread but one call at a time; it may throw to stop.
    public func select(count: Int, progress: @escaping (Int, Int) throws -> Void = { _, _ in }) throws -> [Int] {
        let n = points.rows
        let k = min(count, n)
        guard k > 0 else { return [] }
        let cellRows = fixedCellRows ?? Self.cellRows(rows: n, dim: points.dim)
        let cells = RowPartition.cells(of: points, maxRows: cellRows, seed: seed)
        let work = CellWork(cells: cells.enumerated().map { CellFarthestFirst(rows: $1, seed: seed &+ UInt64($0)) },
                            progress: progress)
        var budgets = cells.map { min($0.count, Int((Self.firstShare * Double(k) * Double($0.count) / Double(n)).rounded(.up))) }
        for round in 0... {
            work.plan(budgets)
            try run(work)
            let states = work.cells
            let threshold = Self.threshold(states, count: k)
            var extended = false
            for (j, cell) in states.enumerated() where !cell.exhausted && cell.picks.count < cell.rows.count {
                if let last = cell.radii.last, last < threshold { continue }
                budgets[j] = min(cell.rows.count, 2 * max(budgets[j], 1))
                extended = true
            }
            if !extended || round == Self.maximumExtensions { break }
        }
        let made = work.cells.reduce(0) { $0 + $1.picks.count }
        try progress(made, made)  // the last report says how many picks were made in all
        return Self.merge(work.cells, count: k, rows: n)
    }

    /// Advances every cell to its budget, cells handed out to the threads in order.
    private func run(_ work: CellWork) throws {
        let points = self.points
        DispatchQueue.concurrentPerform(iterations: min(threads, max(work.pendingCount, 1))) { _ in
            var scratch: [Float] = []
            while let (index, budget, cell) = work.claim() {
                var cell = cell
                do {
                    try cell.advance(to: budget, points: points, scratch: &scratch) { try work.tick($0) }
                    work.store(cell, at: index)
                } catch {
                    work.fail(error)
                    return
                }
            }
        }
        if let error = work.error { throw error }
    }

    /// The radius of the `count`-th largest pick (0 when there are fewer picks).
    private static func threshold(_ cells: [CellFarthestFirst], count: Int) -> Float {
        var radii = cells.flatMap(\.radii)
        guard radii.count >= count else { return 0 }
        radii.sort(by: >)
        return radii[count - 1]
    }

    /// The `count` picks of largest radius (ties: lower row first), in that order;
    /// rows never picked fill up when all cells ran out of distinct rows.
    private static func merge(_ cells: [CellFarthestFirst], count: Int, rows: Int) -> [Int] {
        var all: [(radius: Float, row: Int32)] = []
        for cell in cells { all.append(contentsOf: zip(cell.radii, cell.picks).map { ($0, $1) }) }
        all.sort { $0.radius != $1.radius ? $0.radius > $1.radius : $0.row < $1.row }
        var picked = all.prefix(count).map { Int($0.row) }
        if picked.count < count {
            var taken = [Bool](repeating: false, count: rows)
            for p in picked { taken[p] = true }
            for row in 0..<rows where !taken[row] && picked.count < count { picked.append(row) }
        }
        return picked
    }
}

/// The cells' states shared by the worker threads, with progress and the first error.
private final class CellWork: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var cells: [CellFarthestFirst]
    private var budgets: [Int] = []
    private var queue: [Int] = []
    private var done = 0
    private let progress: (Int, Int) throws -> Void
    private(set) var error: Error?

    init(cells: [CellFarthestFirst], progress: @escaping (Int, Int) throws -> Void) {
        self.cells = cells
        self.progress = progress
    }

    var pendingCount: Int { lock.withLock { queue.count } }

    /// Queues the cells that have fewer picks than their budget.
    func plan(_ budgets: [Int]) {
        lock.withLock {
            self.budgets = budgets
            queue = cells.indices.filter { cells[$0].picks.count < budgets[$0] && !cells[$0].exhausted }.reversed()
        }
    }

    func claim() -> (Int, Int, CellFarthestFirst)? {
        lock.withLock {
            guard error == nil, let index = queue.popLast() else { return nil }
            return (index, budgets[index], cells[index])
        }
    }

    func store(_ cell: CellFarthestFirst, at index: Int) { lock.withLock { cells[index] = cell } }

    func fail(_ error: Error) { lock.withLock { if self.error == nil { self.error = error } } }

    /// Counts picks and reports them (the total is the current sum of budgets); rethrows a stop.
    func tick(_ picks: Int) throws {
        try lock.withLock {
            if let error { throw error }
            done += picks
            do { try progress(done, max(done, budgets.reduce(0, +))) } catch {
                self.error = error  // under the lock: no other thread reports after a stop
                throw error
            }
        }
    }
}
