import Foundation
import SpeckImaging
import SpeckTensor
import XCTest
@testable import SpeckDetectors

/// Trained detectors with several heads (`heads=N`): each head has its own
/// seed and tensor names, the ensemble repeats and restores bit for bit, one
/// head is the detector it always was, and model files written before heads
/// existed reload to the scores they gave.
final class EnsembleTests: XCTestCase {
    func testMemberSeedsAreTheBaseThenMixedAndDoNotOverlapNeighbours() {
        XCTAssertEqual(EnsembleMembers.seed(base: 7, member: 0), 7)
        XCTAssertEqual(EnsembleMembers.prefix(0), "")
        XCTAssertEqual(EnsembleMembers.prefix(2), "head2.")
        // The heads of seeds 0..9: 50 seeds, all different, within the seed range.
        let all = (0..<10).flatMap { base in (0..<5).map { EnsembleMembers.seed(base: UInt64(base), member: $0) } }
        XCTAssertEqual(Set(all).count, all.count)
        XCTAssertTrue(all.allSatisfy { $0 <= UInt64(Int32.max) })
        XCTAssertEqual(EnsembleMembers.upgrading(["seed": "1"]), ["seed": "1", "heads": "1"])
    }

    // MARK: Deep SVDD, pixel form (no backbone needed)

    func testDeepSVDDHeadsRepeatRestoreAndDiffer() throws {
        BLAS.setThreadCount(1)
        let three = try PixelSVDD.fitted(["heads": "3"])
        let state = try three.exportState()
        XCTAssertNotNil(state.arrays["head2.net.conv1.weight"])
        XCTAssertNotNil(state.arrays["head2.svdd.centre"])
        XCTAssertGreaterThan(try state.scalar("head1.svdd.scale"), 0)
        XCTAssertEqual(three.configuration.parameters["heads"], "3", "the model file must record the heads")
        XCTAssertEqual(try PixelSVDD.scores(try PixelSVDD.fitted(["heads": "3"])), try PixelSVDD.scores(three))
        let restored = try DetectorRegistry.standard.restore(try ModelFile.decode(try ModelFile(detector: three, calibration: nil).encoded()))
        XCTAssertEqual(try PixelSVDD.scores(restored), try PixelSVDD.scores(three))
        XCTAssertNotEqual(try PixelSVDD.scores(try PixelSVDD.fitted(["heads": "1"])), try PixelSVDD.scores(three))
        // The first head is the one-head detector's network, bit for bit.
        let one = try PixelSVDD.fitted(["heads": "1"]).exportState()
        XCTAssertEqual(one.arrays["net.conv1.weight"], state.arrays["net.conv1.weight"])
        XCTAssertEqual(try one.scalar("svdd.scale"), 1)
        // A missing head is refused by name.
        var damaged = state
        damaged.arrays["head2.svdd.centre"] = nil
        XCTAssertThrowsError(try DeepSVDDDetector.restore(configuration: three.configuration, state: damaged,
                                                          resources: DetectorResources())) {
            XCTAssertTrue("\($0)".contains("head2.svdd.centre"), "\($0)")
        }
    }

    /// A file from before heads and score: `topk=1`, no `heads`, no scale; it reloads to the same scores.
    func testDeepSVDDFileFromBeforeHeadsReloadsToItsScores() throws {
        BLAS.setThreadCount(1)
        let one = try PixelSVDD.fitted(["heads": "1", "score": "max"])
        var configuration = one.configuration
        configuration.parameters["heads"] = nil
        configuration.parameters["score"] = nil
        configuration.parameters["topk"] = "1"
        var state = try one.exportState()
        state.scalars["svdd.scale"] = nil
        let older = try DeepSVDDDetector.restore(configuration: configuration, state: state, resources: DetectorResources())
        XCTAssertEqual(try PixelSVDD.scores(older), try PixelSVDD.scores(one))
        configuration.parameters["topk"] = "5"
        XCTAssertThrowsError(try DeepSVDDDetector.restore(configuration: configuration, state: state,
                                                          resources: DetectorResources())) {
            XCTAssertTrue("\($0)".contains("topk=5"), "\($0)")
        }
    }

    func testDeepSVDDDefaultsAndValidation() throws {
        let features = try DeepSVDDParameters([:])
        XCTAssertEqual(features.heads, DeepSVDDParameters.defaultHeads)
        XCTAssertEqual(features.imageScore, MapCells.defaultScore)
        XCTAssertEqual(features.recorded["heads"], "\(DeepSVDDParameters.defaultHeads)")
        XCTAssertEqual(try DeepSVDDParameters(["input": "pixels"]).heads, 1)
        // Training is counted in updates for the patch form; epochs given alone, or the pixel form, mean epochs.
        XCTAssertEqual(features.steps, DeepSVDDParameters.defaultSteps)
        XCTAssertEqual(features.recorded["steps"], "\(DeepSVDDParameters.defaultSteps)")
        XCTAssertEqual(try DeepSVDDParameters(["epochs": "3"]).steps, 0)
        XCTAssertEqual(try DeepSVDDParameters(["epochs": "3", "steps": "50"]).steps, 50)
        XCTAssertEqual(try DeepSVDDParameters(["input": "pixels"]).steps, 0)
        XCTAssertEqual(try DeepSVDDParameters.upgrading(["heads": "5", "epochs": "10"])["steps"], "0",
                       "a model file from before steps trained whole epochs")
        for bad in [["heads": "0"], ["score": "mean"], ["topk": "1"], ["steps": "-1"]] {
            XCTAssertThrowsError(try DeepSVDDParameters(bad), "\(bad)")
        }
    }

    // MARK: DifferNet (real backbone, synthetic plates)

    private func fittedDifferNet(_ extra: [String: String]) throws -> any Detector {
        let small = ["epochs": "2", "hidden": "16", "blocks": "2", "batch": "8", "jitter": "0", "rotations": "1"]
        let detector = try DetectorRegistry.standard.makeDetector(kind: "differnet", parameters: small.merging(extra) { $1 },
                                                                  preprocessing: Preprocessing(resize: 64))
        try detector.fit(SyntheticPlate.training(count: 4), context: FitContext())
        return detector
    }

    func testDifferNetHeadsAverageTheirFlowsAndRestore() throws {
        let two = try fittedDifferNet(["heads": "2"])
        let state = try two.exportState()
        XCTAssertNotNil(state.arrays["head1.flow.0.actnorm.bias"])
        let probe = SyntheticPlate.image(seed: 80, spot: true)
        let score = try two.score(probe).score
        let restored = try DetectorRegistry.standard.restore(try ModelFile.decode(try ModelFile(detector: two, calibration: nil).encoded()))
        XCTAssertEqual(try restored.score(probe).score.bitPattern, score.bitPattern)
        let one = try fittedDifferNet(["heads": "1"])
        XCTAssertEqual(try one.exportState().arrays["flow.0.actnorm.bias"], state.arrays["flow.0.actnorm.bias"])
        XCTAssertNotEqual(try one.score(probe).score.bitPattern, score.bitPattern)
        // A file from before heads (no key) holds one flow and reloads as one.
        var configuration = one.configuration
        configuration.parameters["heads"] = nil
        let older = try DifferNetDetector.restore(configuration: configuration, state: try one.exportState(),
                                                  resources: DetectorResources())
        XCTAssertEqual(try older.score(probe).score.bitPattern, try one.score(probe).score.bitPattern)
    }
}
