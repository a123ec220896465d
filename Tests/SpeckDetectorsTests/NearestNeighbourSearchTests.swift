import XCTest
@testable import SpeckDetectors

final class NearestNeighbourSearchTests: XCTestCase {
    func testNearestMatchesBruteForce() {
        // Sizes that are not multiples of the SIMD width or the sgemm block.
        let bank = randomMatrix(rows: 2_500, dim: 37, seed: 1)
        let queries = randomMatrix(rows: 53, dim: 37, seed: 2)
        let match = NearestNeighbourSearch(bank: bank).nearest(queries)
        for i in 0..<queries.rows {
            var best = Double.infinity, bestIndex = -1
            for j in 0..<bank.rows {
                let d = bruteForceDistance(queries, i, bank, j)
                if d < best { best = d; bestIndex = j }
            }
            XCTAssertEqual(Double(match.distances[i]), best, accuracy: 1e-4)
            XCTAssertEqual(match.indices[i], bestIndex)
        }
    }

    func testQueryEqualToBankRowHasZeroDistance() {
        let bank = randomMatrix(rows: 100, dim: 152, seed: 3)
        let match = NearestNeighbourSearch(bank: bank).nearest(bank.gathering([7, 42]))
        XCTAssertEqual(match.indices, [7, 42])
        XCTAssertEqual(match.distances[0], 0, accuracy: 1e-2)
        XCTAssertEqual(match.distances[1], 0, accuracy: 1e-2)
    }

    func testKNearestIsSortedAndStartsWithItself() {
        let bank = randomMatrix(rows: 300, dim: 20, seed: 4)
        let search = NearestNeighbourSearch(bank: bank)
        let found = bank.values.withUnsafeBufferPointer { search.kNearest(to: $0.baseAddress! + 11 * 20, k: 9) }
        XCTAssertEqual(found.count, 9)
        XCTAssertEqual(found[0].index, 11)
        XCTAssertEqual(found.map(\.distance), found.map(\.distance).sorted())
        let all = (0..<bank.rows).map { bruteForceDistance(bank, 11, bank, $0) }.sorted()
        XCTAssertEqual(Double(found[8].distance), all[8], accuracy: 1e-4)
    }

    func testVectorMinimumFindsTheSmallestAtAnyPositionAndLength() {
        for count in [1, 15, 31, 32, 33, 100, 512] {
            for position in Set([0, count / 2, count - 1]) {
                var values = (0..<count).map { Float(($0 * 7919) % 97) - 40 }
                values[position] = -1000
                XCTAssertEqual(values.withUnsafeBufferPointer { VectorMath.minimum($0.baseAddress!, count: count) }, -1000,
                               "count \(count), minimum at \(position)")
            }
        }
        XCTAssertEqual([Float(0)].withUnsafeBufferPointer { VectorMath.minimum($0.baseAddress!, count: 0) }, .infinity)
    }

    func testNearestPicksTheFirstOfTiedBankRowsAcrossBlocks() {
        // 1,200 identical rows span three sgemm blocks of 512: the first row must win.
        let bank = PatchMatrix(rows: 1200, dim: 4, values: [Float](repeating: 1, count: 4800))
        let match = NearestNeighbourSearch(bank: bank).nearest(PatchMatrix(rows: 1, dim: 4, values: [1, 1, 1, 2]))
        XCTAssertEqual(match.indices, [0])
        XCTAssertEqual(match.distances[0], 1, accuracy: 1e-5)
    }
}

