import XCTest
@testable import SpeckDetectors

final class PatchCoreScoringTests: XCTestCase {
    func testReweightingByHand() {
        // Bank on a line: 0, 1, 3. Worst test patch at 5 matches bank row 2 (at 3).
        let bank = PatchMatrix(rows: 3, dim: 1, values: [0, 1, 3])
        let search = NearestNeighbourSearch(bank: bank)
        let queries = PatchMatrix(rows: 2, dim: 1, values: [0.5, 5])
        let match = search.nearest(queries)
        XCTAssertEqual(match.distances, [0.5, 2])
        XCTAssertEqual(match.indices[1], 2)
        // Neighbours of bank row 2 (k = 2): itself (3), then 1. Test distances: 2 and 4.
        let expectedWeight = 1 - exp(2.0) / (exp(2.0) + exp(4.0))
        let score = PatchCoreScoring.reweightedScore(patchScores: match.distances, nearest: match.indices,
                                                     queries: queries, search: search, neighbours: 2)
        XCTAssertEqual(Double(score), 2 * expectedWeight, accuracy: 1e-5)
        let plain = PatchCoreScoring.reweightedScore(patchScores: match.distances, nearest: match.indices,
                                                     queries: queries, search: search, neighbours: 1)
        XCTAssertEqual(plain, 2)
    }
}
