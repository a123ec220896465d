import XCTest
@testable import SpeckEvaluation

final class PixelMetricsTests: XCTestCase {
    func testConnectedComponentsUseEightNeighbours() {
        // Two diagonal pixels touch (one region); a far pixel is its own region.
        let mask: [Bool] = [true, false, false, false,
                            false, true, false, false,
                            false, false, false, true]
        let components = ConnectedComponents(mask: mask, width: 4, height: 3)
        XCTAssertEqual(components.count, 2)
        XCTAssertEqual(components.sizes.sorted(), [1, 2])
        XCTAssertEqual(components.labels[0], components.labels[5])
        XCTAssertEqual(components.labels[1], -1)
    }

    func testPixelAUROCMatchesTheImageLevelDefinitionWithTies() throws {
        let map: [Float] = [0.9, 0.5, 0.5, 0.1, 0.7, 0.5]
        let mask: [Bool] = [true, true, false, false, false, false]
        let metrics = try PixelMetrics(samples: [.init(map: map, mask: mask, width: 3, height: 2)])
        let expected = try RankedOutcomes(scores: map, labels: mask).auroc()
        // pos 0.9 beats 4 negatives; pos 0.5 beats 0.1, ties two 0.5s (2 × 1/2), loses to 0.7: (4 + 2) / 8.
        XCTAssertEqual(expected, 0.75, accuracy: 1e-12)
        XCTAssertEqual(metrics.auroc, expected, accuracy: 1e-12)
    }

    func testAUPROOnAHandComputedCase() throws {
        // One image, one 2-pixel region {0.9, 0.2}, normal pixels {0.8, 0.1, 0.05, 0.0}.
        // Descending: 0.9 (region half: PRO 0.5, FPR 0), 0.8 (FPR 0.25), 0.2 (PRO 1), 0.1 (FPR 0.5) ...
        // PRO curve: (0,0.5) → (0.25,0.5) → (0.25,1) → (0.5,1) ...; from (0,0) to (0,0.5) adds no area.
        // Area to FPR 0.3: 0.25 × 0.5 + 0.05 × 1 = 0.175; normalised: 0.175 / 0.3.
        let map: [Float] = [0.9, 0.2, 0.8, 0.1, 0.05, 0.0]
        let mask: [Bool] = [true, true, false, false, false, false]
        let metrics = try PixelMetrics(samples: [.init(map: map, mask: mask, width: 2, height: 3)])
        XCTAssertEqual(metrics.regionCount, 1) // pixels 0 and 1 are neighbours in a 2-wide image
        XCTAssertEqual(metrics.aupro, 0.175 / 0.3, accuracy: 1e-9)
    }

    func testAUPROWeighsRegionsEquallyAcrossImages() throws {
        // Image A: a 1-pixel region scored 1.0 (found at once). Image B: a 3-pixel region scored 0
        // below every normal pixel (never found before FPR 1). PRO is 0.5 until FPR 1.
        let a = PixelMetrics.Sample(map: [1.0, 0.5, 0.5, 0.5], mask: [true, false, false, false], width: 2, height: 2)
        let b = PixelMetrics.Sample(map: [0, 0, 0, 0.5], mask: [true, true, true, false], width: 2, height: 2)
        let metrics = try PixelMetrics(samples: [a, b])
        XCTAssertEqual(metrics.regionCount, 2)
        // All four normal pixels tie at 0.5: the curve jumps from FPR 0 to FPR 1 with PRO 0.5
        // at both ends, so the area up to 0.3 is 0.3 × 0.5.
        XCTAssertEqual(metrics.aupro, 0.5, accuracy: 1e-9)
    }

    func testAllEqualMapsGiveHalfAUROC() throws {
        let sample = PixelMetrics.Sample(map: [Float](repeating: 2, count: 9),
                                         mask: [true, true, false, false, false, false, false, false, false],
                                         width: 3, height: 3)
        let metrics = try PixelMetrics(samples: [sample])
        XCTAssertEqual(metrics.auroc, 0.5, accuracy: 1e-12)
    }

    func testNoDefectPixelsIsAClearError() {
        let sample = PixelMetrics.Sample(map: [0.1, 0.2], mask: [false, false], width: 2, height: 1)
        XCTAssertThrowsError(try PixelMetrics(samples: [sample])) { error in
            guard case EvaluationError.singleClass(let why) = error else { return XCTFail("wrong error \(error)") }
            XCTAssertTrue(why.contains("no defect pixels"), why)
        }
    }

    func testPixelF1ThresholdSeparatesPerfectly() throws {
        let sample = PixelMetrics.Sample(map: [0.9, 0.8, 0.2, 0.1], mask: [true, true, false, false], width: 4, height: 1)
        let metrics = try PixelMetrics(samples: [sample])
        XCTAssertEqual(metrics.f1Max, 1, accuracy: 1e-12)
        XCTAssertEqual(metrics.f1Threshold, 0.5, accuracy: 1e-6)
        XCTAssertEqual(metrics.auroc, 1, accuracy: 1e-12)
        XCTAssertEqual(metrics.aupro, 1, accuracy: 1e-12)
    }
}
