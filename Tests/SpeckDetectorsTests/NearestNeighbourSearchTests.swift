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
}
