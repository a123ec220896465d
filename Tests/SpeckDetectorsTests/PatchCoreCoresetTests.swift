import Foundation
import XCTest
import SpeckImaging
import SpeckTestSupport
@testable import SpeckDetectors

/// PatchCore's coreset stage on a few real bottle images with the real backbone:
/// the bank is the same bit for bit for a seed, and cancelling stops the fit.
final class PatchCoreCoresetTests: XCTestCase {
    private func trainingImages() throws -> TrainingImages {
        TrainingImages(try ["000", "001", "002", "003"].map {
            try ImageIO.decode(contentsOf: TestData.shared("datasets/mvtec-bottle/train/good/\($0).png"))
        })
    }

    private func detector(_ parameters: [String: String]) throws -> any Detector {
        try DetectorRegistry.standard.makeDetector(kind: "patchcore", parameters: parameters,
                                                   preprocessing: Preprocessing(resize: 128, crop: 112))
    }

    private func bank(_ parameters: [String: String], images: TrainingImages) throws -> [UInt32] {
        let model = try detector(parameters)
        try model.fit(images, context: FitContext())
        return try XCTUnwrap(model.exportState().arrays["memory_bank"]).values.map(\.bitPattern)
    }

    func testFastBankIsTheSameBitForBitForASeed() throws {
        let images = try trainingImages()
        // Small cells, so that several cells run on the two threads.
        let parameters = ["coreset": "0.25", "coreset_method": "fast", "coreset_cell": "100", "seed": "3"]
        let first = try bank(parameters, images: images)
        XCTAssertEqual(first.count, 4 * 196 / 4 * 152)
        XCTAssertEqual(first, try bank(parameters, images: images))
        var other = parameters
        other["seed"] = "4"
        XCTAssertNotEqual(first, try bank(other, images: images))
    }

    func testCancellingDuringTheCoresetStopsTheFit() throws {
        let images = try trainingImages()
        for method in ["fast", "exact"] {
            let log = CancelAtFirstReport(stage: "coreset")
            XCTAssertThrowsError(try detector(["coreset": "0.5", "coreset_method": method]).fit(images, context: log.context)) {
                XCTAssertEqual($0 as? DetectorError, .cancelled, method)
            }
            XCTAssertEqual(log.details.count, 1, "\(method): no progress after the cancel")
        }
    }

    func testUnknownCoresetMethodIsRefused() {
        XCTAssertThrowsError(try detector(["coreset_method": "quick"])) { XCTAssertTrue("\($0)".contains("coreset_method"), "\($0)") }
    }
}
