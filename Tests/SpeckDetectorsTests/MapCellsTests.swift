import SpeckImaging
import XCTest
@testable import SpeckDetectors

/// The image score of the map-only trained detectors: 8 px cells of the
/// finished map stand for patches, `topk:K` averages the K hottest; model
/// files written before `score` existed keep the map's maximum.
final class MapCellsTests: XCTestCase {
    func testCellMeansCoverEdgesWithSmallerCells() {
        // 3x3 map, cells of 2: [0 1 | 2], [3 4 | 5], [6 7 | 8].
        let means = MapCells.means((0..<9).map(Float.init), width: 3, height: 3, cell: 2)
        XCTAssertEqual(means, [2, 3.5, 6.5, 8])
    }

    func testTopKAveragesTheHottestCellsAndMaxTakesOnePixel() {
        // 16x16: one hot pixel (100) in the first cell, a warm second cell (all 2).
        var map = [Float](repeating: 0, count: 256)
        map[0] = 100
        for y in 0..<8 { for x in 8..<16 { map[y * 16 + x] = 2 } }
        XCTAssertEqual(MapCells.imageScore(.max, map: map, width: 16, height: 16), 100)
        // Cells: 100/64 = 1.5625, 2, 0, 0 → top 2 = (2 + 1.5625) / 2.
        XCTAssertEqual(MapCells.imageScore(.topK(2), map: map, width: 16, height: 16), (2 + 1.5625) / 2)
    }

    func testDefaultsAndUpgradeOfOlderModelFiles() throws {
        XCTAssertEqual(try CFLOWParameters([:]).imageScore, .max)
        XCTAssertEqual(try CFLOWParameters(["score": "topk:10"]).recorded["score"], "topk:10")
        XCTAssertEqual(try FastFlowParameters([:]).imageScore, MapCells.defaultScore)
        XCTAssertEqual(try FastFlowParameters(["score": "max"]).recorded["score"], "max")
        XCTAssertThrowsError(try CFLOWParameters(["score": "topk:0"])) { XCTAssertTrue("\($0)".contains("score"), "\($0)") }
        XCTAssertEqual(MapCells.upgrading(["epochs": "4"]), ["epochs": "4", "score": "max"])
        XCTAssertEqual(MapCells.upgrading(["score": "topk:3"]), ["score": "topk:3"])
    }

    /// A FastFlow model file from before `score` (no key) scores by the map's maximum, as it did.
    func testFastFlowFileWithoutScoreKeepsTheMaximum() throws {
        let small = ["epochs": "1", "blocks": "2", "batch": "3", "taps": "blocks.2", "sigma": "1"]
        let detector = try DetectorRegistry.standard.makeDetector(kind: "fastflow", parameters: small,
                                                                  preprocessing: Preprocessing(resize: 64))
        try detector.fit(TrainingImages((0..<4).map { SyntheticPlate.image(seed: $0) }), context: FitContext())
        let probe = SyntheticPlate.image(seed: 70, spot: true)
        let result = try detector.score(probe)
        let map = try XCTUnwrap(result.map)
        XCTAssertEqual(result.score, MapCells.imageScore(.topK(10), map: map.values, width: 64, height: 64))
        var configuration = detector.configuration
        configuration.parameters["score"] = nil
        let older = try FastFlowDetector.restore(configuration: configuration, state: try detector.exportState(),
                                                 resources: DetectorResources())
        XCTAssertEqual(try older.score(probe).score, map.values.max())
        XCTAssertNotEqual(result.score, map.values.max(), "top-k and max gave the same score: the test shows nothing")
    }
}
