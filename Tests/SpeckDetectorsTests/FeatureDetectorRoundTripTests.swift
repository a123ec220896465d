import Foundation
import XCTest
import SpeckImaging
import SpeckTestSupport
@testable import SpeckDetectors

/// PatchCore, PaDiM, SPADE, Deep SVDD and CFLOW-AD on a few real bottle images with the real
/// backbone: a fitted model written to a model file and read back scores
/// bit for bit the same, and each detector tells a defect from a good image.
final class FeatureDetectorRoundTripTests: XCTestCase {
    /// MVTec's bottle is licensed: it stays in the shared folder.
    private func image(_ relative: String) throws -> Image {
        try ImageIO.decode(contentsOf: TestData.shared("datasets/mvtec-bottle/" + relative))
    }

    private func roundTrip(_ kind: String, parameters: [String: String]) throws {
        let configuration = DetectorConfiguration(detector: kind, backbone: "efficientnet-lite0", parameters: parameters,
                                                  preprocessing: Preprocessing(resize: 128, crop: 112))
        let detector = try DetectorRegistry.standard.makeDetector(kind: configuration.detector, parameters: configuration.parameters, preprocessing: configuration.preprocessing)
        let train = try ["000", "001", "002", "003"].map { try image("train/good/\($0).png") }
        try detector.fit(TrainingImages(train), context: FitContext())

        let good = try image("test/good/000.png"), broken = try image("test/broken_large/000.png")
        let before = try detector.score(broken)
        XCTAssertEqual(before.map?.width, 112)
        XCTAssertEqual(before.map?.values.count, 112 * 112)
        XCTAssertGreaterThan(before.score, try detector.score(good).score, "\(kind) ranks a broken bottle below a good one")

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("speck-\(kind)-\(UUID().uuidString).speckmodel")
        defer { try? FileManager.default.removeItem(at: url) }
        try ModelFile(detector: detector, calibration: nil).write(to: url)
        let model = try ModelFile.read(from: url)
        let restored = try DetectorRegistry.standard.restore(model)
        let after = try restored.score(broken)
        XCTAssertEqual(before.score.bitPattern, after.score.bitPattern)
        XCTAssertEqual(try XCTUnwrap(before.map).values.map(\.bitPattern), after.map?.values.map(\.bitPattern))
    }

    func testPatchCoreRoundTrip() throws { try roundTrip("patchcore", parameters: ["coreset": "0.1"]) }
    func testPaDiMRoundTrip() throws { try roundTrip("padim", parameters: [:]) }
    func testSPADERoundTrip() throws { try roundTrip("spade", parameters: ["images": "2"]) }
    func testDeepSVDDRoundTrip() throws { try roundTrip("deepsvdd", parameters: ["epochs": "3", "batch": "128"]) }
    func testCFLOWRoundTrip() throws { try roundTrip("cflow", parameters: ["epochs": "1", "blocks": "4"]) }

    func testFittingOnNothingIsAClearError() throws {
        let configuration = DetectorConfiguration(detector: "patchcore", backbone: "efficientnet-lite0")
        let detector = try DetectorRegistry.standard.makeDetector(kind: configuration.detector, parameters: configuration.parameters, preprocessing: configuration.preprocessing)
        XCTAssertThrowsError(try detector.fit(TrainingImages([]), context: FitContext())) { error in
            XCTAssertEqual(error as? DetectorError, .noTrainingImages)
        }
    }

    func testUnknownParameterIsRefused() {
        let configuration = DetectorConfiguration(detector: "padim", backbone: "efficientnet-lite0", parameters: ["chanels": "50"])
        XCTAssertThrowsError(try DetectorRegistry.standard.makeDetector(kind: configuration.detector, parameters: configuration.parameters, preprocessing: configuration.preprocessing)) { error in
            XCTAssertTrue("\(error)".contains("chanels"))
        }
    }
}
