import SpeckTensor
import XCTest
@testable import SpeckDetectors

final class KCenterGreedyTests: XCTestCase {
    /// The textbook algorithm: rescan every row for every pick.
    private func plainGreedy(_ x: PatchMatrix, count: Int, start: Int) -> [Int] {
        var minDistance = (0..<x.rows).map { bruteForceDistance(x, $0, x, start) }
        var picked: [Int] = []
        for _ in 0..<count {
            let next = minDistance.indices.max { minDistance[$0] < minDistance[$1] }!
            picked.append(next)
            for i in 0..<x.rows { minDistance[i] = min(minDistance[i], bruteForceDistance(x, i, x, next)) }
        }
        return picked
    }

    func testPrunedSelectionEqualsPlainGreedy() throws {
        // Clustered data, where the pruning skips most groups.
        var rng = SeededGenerator(seed: 9)
        let centres = randomMatrix(rows: 12, dim: 24, seed: 10, scale: 5)
        var values: [Float] = []
        for _ in 0..<1_500 {
            let c = Int.random(in: 0..<12, using: &rng)
            for d in 0..<24 { values.append(centres.values[c * 24 + d] + Float.random(in: -0.5...0.5, using: &rng)) }
        }
        let x = PatchMatrix(rows: 1_500, dim: 24, values: values)
        let fast = try KCenterGreedy(points: x).select(count: 150, startIndex: 17)
        XCTAssertEqual(fast, plainGreedy(x, count: 150, start: 17))
    }

    func testPicksAreDistinctAndCoverageShrinks() throws {
        let x = randomMatrix(rows: 800, dim: 16, seed: 11)
        let picked = try KCenterGreedy(points: x).select(count: 80, startIndex: 0)
        XCTAssertEqual(picked.count, 80)
        XCTAssertEqual(Set(picked).count, 80)
        func coverage(_ centres: ArraySlice<Int>) -> Double {
            (0..<x.rows).map { i in centres.map { bruteForceDistance(x, i, x, $0) }.min()! }.max()!
        }
        XCTAssertLessThan(coverage(picked[0..<80]), coverage(picked[0..<10]))
    }

    func testAskingForMoreThanAllRowsReturnsEveryRowOnce() throws {
        let x = PatchMatrix(rows: 4, dim: 2, values: [0, 0, 1, 0, 0, 1, 1, 1])
        let picked = try KCenterGreedy(points: x).select(count: 10, startIndex: 0)
        XCTAssertEqual(picked.sorted(), [0, 1, 2, 3])
    }

    func testDuplicateRowsStillGiveDistinctPicks() throws {
        let x = PatchMatrix(rows: 5, dim: 1, values: [3, 3, 3, 3, 3])
        let picked = try KCenterGreedy(points: x).select(count: 3, startIndex: 2)
        XCTAssertEqual(Set(picked).count, 3)
    }

    func testMemoryCapLowersTheFraction() throws {
        let plan = try CoresetPlan(patches: 1_000_000, dim: 100, fraction: 0.1, capBytes: 4_000_000)
        XCTAssertEqual(plan.bankRows, 10_000)
        XCTAssertEqual(plan.fraction, 0.01, accuracy: 1e-12)
        XCTAssertNotNil(plan.note)
        let fits = try CoresetPlan(patches: 1_000, dim: 100, fraction: 0.1, capBytes: 4_000_000)
        XCTAssertEqual(fits.bankRows, 100)
        XCTAssertNil(fits.note)
    }
}
