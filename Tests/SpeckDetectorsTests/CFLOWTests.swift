import Foundation
import SpeckImaging
import SpeckTensor
import XCTest
@testable import SpeckDetectors

/// CFLOW-AD with the real backbone on small synthetic plates: the positional
/// condition is the paper's, one seed gives the same model bit for bit, a fit
/// shows its loss and can be cancelled, options and damaged model files are
/// refused by name. The round trip on real bottle images is in
/// FeatureDetectorRoundTripTests.
final class CFLOWTests: XCTestCase {
    private static let small = ["epochs": "1", "blocks": "2", "batch": "64", "condition": "16", "sigma": "1"]

    private func plate(seed: UInt64, spot: Bool = false) -> Image { SyntheticPlate.image(seed: seed, spot: spot) }

    private func detector(_ extra: [String: String] = [:]) throws -> any Detector {
        try DetectorRegistry.standard.makeDetector(kind: "cflow", parameters: Self.small.merging(extra) { $1 },
                                                   preprocessing: Preprocessing(resize: 64))
    }

    private func fitted(_ extra: [String: String] = [:]) throws -> any Detector {
        let detector = try detector(extra)
        try detector.fit(TrainingImages((0..<6).map { plate(seed: $0) }), context: FitContext())
        return detector
    }

    func testPositionalEncodingIsTheSinusoidOfColumnThenRow() {
        let encoding = PositionalEncoding(width: 8, height: 3, gridWidth: 5)
        XCTAssertEqual(encoding.rows.rows, 15)
        // Position (y 0, x 0): sin 0, cos 0 for both halves.
        XCTAssertEqual(Array(encoding.rows.values[0..<8]), [0, 1, 0, 1, 0, 1, 0, 1])
        // Position (y 2, x 1): column half sin/cos(1·f), row half sin/cos(2·f), f = 1 and 10000^(-2/4) = 0.01.
        let row = Array(encoding.rows.values[(2 * 5 + 1) * 8..<(2 * 5 + 2) * 8])
        let expected: [Float] = [sin(1), cos(1), sin(0.01), cos(0.01), sin(2), cos(2), sin(0.02), cos(0.02)]
        for (a, b) in zip(row, expected) { XCTAssertEqual(a, b, accuracy: 1e-6) }
    }

    func testSeededFitsRepeatAndAMapIsPainted() throws {
        let a = try fitted(), b = try fitted(), c = try fitted(["seed": "1"])
        XCTAssertEqual(try a.exportState(), try b.exportState())
        XCTAssertNotEqual(try a.exportState(), try c.exportState())
        let result = try a.score(plate(seed: 50, spot: true))
        XCTAssertEqual(result.score.bitPattern, try b.score(plate(seed: 50, spot: true)).score.bitPattern)
        XCTAssertEqual(result.map?.width, 64)
        XCTAssertEqual(result.map?.values.count, 64 * 64)
        XCTAssertGreaterThan(result.score, try a.score(plate(seed: 51)).score, "a red square is less likely than a plain plate")
        // Three levels (strides 8, 16, 32), each with its flow and its reference likelihood.
        let state = try a.exportState()
        XCTAssertEqual(state.scalars.keys.sorted(), (0..<3).map { "reference_log_likelihood.\($0)" })
        XCTAssertEqual(state.arrays["level2.1.coupling.hidden.weight"]?.shape, [Int((Float(96 + 16) * 2).rounded()), 96 + 16])
    }

    func testModelFileRoundTripScoresBitForBit() throws {
        let detector = try fitted()
        let probe = plate(seed: 60, spot: true)
        let before = try detector.score(probe)
        let model = try ModelFile.decode(try ModelFile(detector: detector, calibration: nil).encoded())
        let after = try DetectorRegistry.standard.restore(model).score(probe)
        XCTAssertEqual(before.score.bitPattern, after.score.bitPattern)
        XCTAssertEqual(try XCTUnwrap(before.map).values.map(\.bitPattern), try XCTUnwrap(after.map).values.map(\.bitPattern))
    }

    func testRestoreRefusesDamagedModelsByName() throws {
        let detector = try fitted()
        var state = try detector.exportState()
        state.arrays["level1.0.coupling.output.weight"]!.values[3] = .infinity
        XCTAssertThrowsError(try CFLOWDetector.restore(configuration: detector.configuration, state: state, resources: .init())) {
            XCTAssertTrue("\($0)".contains("level1.0.coupling.output.weight"), "\($0)")
        }
        state = try detector.exportState()
        state.arrays["level0.1.permutation.order"] = nil
        XCTAssertThrowsError(try CFLOWDetector.restore(configuration: detector.configuration, state: state, resources: .init())) {
            XCTAssertTrue("\($0)".contains("level0.1.permutation.order"), "\($0)")
        }
    }

    func testParametersAreValidated() {
        for bad in [["epochs": "0"], ["lr": "x"], ["blocks": "0"], ["condition": "6"], ["clamp": "-1"], ["blokcs": "2"]] {
            XCTAssertThrowsError(try detector(bad), "\(bad)") { XCTAssertTrue("\($0)".contains(bad.keys.first!), "\($0)") }
        }
    }

    func testCancellingStopsTheFitAndProgressShowsTheLoss() throws {
        let log = CancelAtFirstReport(stage: "training")
        XCTAssertThrowsError(try detector(["epochs": "20"]).fit(TrainingImages((0..<6).map { plate(seed: $0) }), context: log.context)) {
            XCTAssertEqual($0 as? DetectorError, .cancelled)
        }
        XCTAssertEqual(log.details.count, 1)
        XCTAssertTrue(log.details[0].hasPrefix("level 1/3 · epoch 1/20 · loss "), log.details[0])
    }
}
