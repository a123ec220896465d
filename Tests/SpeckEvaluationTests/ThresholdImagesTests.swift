import SpeckImaging
@testable import SpeckEvaluation
import XCTest

/// Which images choose the threshold: held-out ones when they know both classes,
/// else all the labelled ones (an unlabelled folder after its first labels).
final class ThresholdImagesTests: XCTestCase {
    private func image(_ name: String, label: String?, score: Float) -> ScoredSample {
        ScoredSample(sample: DatasetSample(path: "/\(name)", relativePath: name, split: .none, label: label, maskPath: nil),
                     score: score, map: nil, mask: nil)
    }

    func testHeldOutImagesWithBothClassesChoose() {
        let heldOut = [image("a", label: "good", score: 1), image("b", label: "crack", score: 9)]
        let all = heldOut + [image("c", label: "good", score: 0.5)]
        XCTAssertEqual(Calibrator.thresholdImages(all: all, heldOut: heldOut).map(\.sample.relativePath), ["a", "b"])
    }

    func testLabelsOfAFolderFittedOnAllItsImagesChoose() throws {
        // Fitted on everything but the two images labelled anomalous: those alone are held out.
        let heldOut = [image("d1", label: "labelled-anomalous", score: 8), image("d2", label: "labelled-anomalous", score: 6)]
        let all = heldOut + [image("n1", label: "good", score: 2), image("n2", label: "good", score: 3),
                             image("u1", label: nil, score: 1), image("u2", label: nil, score: 2.5)]
        let chosen = Calibrator.thresholdImages(all: all, heldOut: heldOut)
        XCTAssertEqual(chosen.count, all.count)
        // The labels now set an F1-optimal threshold that flags both defects (a quantile of the defects alone would not).
        let calibration = try Calibrator.calibrate(chosen)
        XCTAssertLessThanOrEqual(calibration.threshold, 6)
        XCTAssertGreaterThan(calibration.threshold, 3)
        XCTAssertGreaterThan(try Calibrator.calibrate(heldOut).threshold, 6, "what the held-out defects alone gave")
    }

    func testWithoutLabelsEveryImageOrTheHeldOutOnesChoose() {
        let unlabelled = [image("u1", label: nil, score: 1), image("u2", label: nil, score: 2)]
        XCTAssertEqual(Calibrator.thresholdImages(all: unlabelled, heldOut: []).count, 2)
        XCTAssertEqual(Calibrator.thresholdImages(all: unlabelled, heldOut: [unlabelled[0]]).map(\.sample.relativePath), ["u1"])
    }
}
