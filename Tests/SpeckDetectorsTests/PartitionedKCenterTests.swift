import SpeckTensor
import XCTest
@testable import SpeckDetectors

final class PartitionedKCenterTests: XCTestCase {
    /// Largest distance from any row to its nearest picked row.
    private func coverageRadius(_ x: PatchMatrix, _ picked: [Int]) -> Double {
        (0..<x.rows).map { i in picked.map { bruteForceDistance(x, i, x, $0) }.min()! }.max()!
    }

    /// Clusters of different spread, a few far outliers: cells of very different needs.
    private func clusteredMatrix(rows: Int, dim: Int, seed: UInt64) -> PatchMatrix {
        var rng = SeededGenerator(seed: seed)
        let centres = randomMatrix(rows: 8, dim: dim, seed: seed &+ 1, scale: 4)
        var values: [Float] = []
        for r in 0..<rows {
            let c = r % 8
            let spread: Float = r % 97 == 0 ? 6 : 0.3 + 0.2 * Float(c)
            for j in 0..<dim { values.append(centres.values[c * dim + j] + Float.random(in: -spread...spread, using: &rng)) }
        }
        return PatchMatrix(rows: rows, dim: dim, values: values)
    }

    func testCoverageRadiusStaysWithinAFactorOfExactGreedy() throws {
        // Exact greedy is itself within 2x of the optimal radius; the cells may not
        // lose more than a further 1.5x (measured: 1.06x and 1.13x on these two).
        for (seed, data) in [(UInt64(3), clusteredMatrix(rows: 3_000, dim: 20, seed: 21)), (4, randomMatrix(rows: 3_000, dim: 12, seed: 22))] {
            // Textbook greedy: the start row counts as the first center (KCenterGreedy leaves it out).
            let exact = try [0] + KCenterGreedy(points: data).select(count: 299, startIndex: 0)
            let fast = try PartitionedKCenter(points: data, threads: 2, seed: seed, cellRows: 400).select(count: 300)
            XCTAssertEqual(fast.count, 300)
            XCTAssertEqual(Set(fast).count, 300)
            let ratio = coverageRadius(data, fast) / coverageRadius(data, exact)
            XCTAssertLessThan(ratio, 1.5, "fast coverage radius is \(ratio)x the exact one")
        }
    }

    func testOneCellIsPlainGreedy() throws {
        let x = clusteredMatrix(rows: 700, dim: 16, seed: 5)
        var rng = SeededGenerator(seed: 7)
        let start = Int.random(in: 0..<x.rows, using: &rng)
        // The fast one keeps its start row as the first pick; exact greedy only starts from it.
        let exact = try KCenterGreedy(points: x).select(count: 69, startIndex: start)
        let fast = try PartitionedKCenter(points: x, threads: 2, seed: 7, cellRows: 700).select(count: 70)
        // The start row and the first farthest row share a radius: their order follows the row index.
        XCTAssertEqual(Set(fast.prefix(2)), [start, exact[0]])
        XCTAssertEqual(Array(fast.dropFirst(2)), Array(exact.dropFirst()))
    }

    func testSameSeedGivesTheSamePicksWhateverTheThreads() throws {
        let x = clusteredMatrix(rows: 4_000, dim: 24, seed: 8)
        let one = try PartitionedKCenter(points: x, threads: 1, seed: 11, cellRows: 300).select(count: 400)
        let two = try PartitionedKCenter(points: x, threads: 2, seed: 11, cellRows: 300).select(count: 400)
        let four = try PartitionedKCenter(points: x, threads: 4, seed: 11, cellRows: 300).select(count: 400)
        XCTAssertEqual(one, two)
        XCTAssertEqual(one, four)
        let other = try PartitionedKCenter(points: x, threads: 2, seed: 12, cellRows: 300).select(count: 400)
        XCTAssertNotEqual(one, other)
    }

    func testCellsAreBalancedAndHoldEveryRowOnce() {
        let x = clusteredMatrix(rows: 5_000, dim: 10, seed: 9)
        let cells = RowPartition.cells(of: x, maxRows: 700, seed: 1)
        XCTAssertEqual(cells.flatMap { $0 }.map(Int.init).sorted(), Array(0..<5_000))
        XCTAssertTrue(cells.allSatisfy { $0.count <= 700 && $0.count >= 350 }, "\(cells.map(\.count))")
    }

    func testDuplicateRowsStillGiveDistinctPicks() throws {
        let x = PatchMatrix(rows: 6, dim: 2, values: [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2])
        let picked = try PartitionedKCenter(points: x, seed: 0, cellRows: 3).select(count: 5)
        XCTAssertEqual(Set(picked).count, 5)
    }

    func testProgressThatThrowsStopsTheSelection() throws {
        let x = randomMatrix(rows: 3_000, dim: 8, seed: 13)
        var reports = 0
        XCTAssertThrowsError(try PartitionedKCenter(points: x, seed: 0, cellRows: 500).select(count: 2_000) { _, _ in
            reports += 1
            throw DetectorError.cancelled
        }) { XCTAssertEqual($0 as? DetectorError, .cancelled) }
        XCTAssertEqual(reports, 1, "no progress after the stop")
    }

    func testMemoryCapCountsTheSelectionsWorkingMemory() throws {
        // 597k patches of 152 floats at 10%: the fast selection's working memory is small and stated.
        let working = CoresetMethod.fast.workingBytes(rows: 597_408, dim: 152, count: 59_740)
        XCTAssertLessThan(working, 32 * 1_048_576)
        // 16 MB left for a bank that wants 36 MB: the fraction drops, the total holds.
        let cap = working + 16 * 1_048_576
        let plan = try CoresetPlan(patches: 597_408, dim: 152, fraction: 0.1, capBytes: cap, workingBytes: working)
        XCTAssertLessThanOrEqual(plan.bankRows * 152 * 4 + working, cap)
        XCTAssertGreaterThan(plan.bankRows * 152 * 4, 15 * 1_048_576)
        XCTAssertNotNil(plan.note)
        XCTAssertThrowsError(try CoresetPlan(patches: 597_408, dim: 152, fraction: 0.1, capBytes: working, workingBytes: working)) {
            XCTAssertTrue("\($0)".contains("memory_mb"), "\($0)")
        }
    }
}
