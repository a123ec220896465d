import Foundation
import SpeckImaging
import SpeckTensor
import SpeckTestSupport
import XCTest
@testable import SpeckDetectors

/// DifferNet on a few real bottle images with the real backbone (tiny fits at
/// 128 → 112 px, a narrow flow): seeded fits repeat bit for bit, model files
/// restore bit for bit, damaged ones are refused by name, a fit can be
/// cancelled, and a broken bottle scores above a good one, with no map.
final class DifferNetTests: XCTestCase {
    private static let small = ["epochs": "4", "hidden": "32", "blocks": "4", "batch": "8", "jitter": "0", "heads": "1"]

    private func image(_ relative: String) throws -> Image {
        try ImageIO.decode(contentsOf: TestData.shared("datasets/mvtec-bottle/" + relative))
    }

    private func detector(_ extra: [String: String] = [:]) throws -> any Detector {
        try DetectorRegistry.standard.makeDetector(kind: "differnet", parameters: Self.small.merging(extra) { $1 },
                                                   preprocessing: Preprocessing(resize: 128, crop: 112))
    }

    /// Real bottles for the ranking test; synthetic plates elsewhere, so those tests run without ../shared.
    private func bottles() throws -> TrainingImages {
        TrainingImages(try (0..<6).map { try image(String(format: "train/good/%03d.png", $0)) })
    }

    private func training() -> TrainingImages { SyntheticPlate.training(count: 6, side: 128) }

    private func fitted(_ extra: [String: String] = [:], on images: TrainingImages? = nil) throws -> any Detector {
        let detector = try detector(extra)
        try detector.fit(images ?? training(), context: FitContext())
        return detector
    }

    func testRanksABrokenBottleAboveAGoodOneWithoutAMap() throws {
        let detector = try fitted(on: try bottles())
        let good = try detector.score(try image("test/good/000.png"))
        let broken = try detector.score(try image("test/broken_large/000.png"))
        XCTAssertNil(good.map)
        XCTAssertNil(broken.map)
        XCTAssertGreaterThan(broken.score, good.score)
    }

    func testModelFileRestoresScoresBitForBit() throws {
        let detector = try fitted()
        let probe = SyntheticPlate.image(seed: 40, side: 128, spot: true)
        let before = try detector.score(probe).score
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("speck-differnet-\(UUID().uuidString).speckmodel")
        defer { try? FileManager.default.removeItem(at: url) }
        try ModelFile(detector: detector, calibration: nil).write(to: url)
        let restored = try DetectorRegistry.standard.restore(try ModelFile.read(from: url))
        XCTAssertEqual(try restored.score(probe).score.bitPattern, before.bitPattern)
        XCTAssertEqual(try restored.exportState(), try detector.exportState())
    }

    /// The seed fixes the flow's initial weights, the batches and the input noise.
    func testSameSeedSameStateAndOtherSeedDiffers() throws {
        let first = try fitted().exportState()
        XCTAssertEqual(try fitted().exportState(), first)
        XCTAssertNotEqual(try fitted(["seed": "5"]).exportState(), first)
        XCTAssertNotEqual(try fitted(["noise": "0"]).exportState(), first, "the input noise changed nothing")
    }

    func testColourJitterIsSeededAndChangesTheState() throws {
        let jittered = try fitted(["jitter": "1"]).exportState()
        XCTAssertEqual(try fitted(["jitter": "1"]).exportState(), jittered)
        XCTAssertNotEqual(try fitted().exportState(), jittered)
    }

    func testDamagedTensorIsRefusedByName() throws {
        let detector = try fitted(["epochs": "1"])
        var state = try detector.exportState()
        state.arrays["flow.2.coupling.hidden.weight"]!.values[7] = .nan
        XCTAssertThrowsError(try DifferNetDetector.restore(configuration: detector.configuration, state: state,
                                                           resources: DetectorResources())) { error in
            XCTAssertTrue("\(error)".contains("flow.2.coupling.hidden.weight"), "\(error)")
        }
        state.arrays["flow.1.actnorm.bias"] = nil
        XCTAssertThrowsError(try DifferNetDetector.restore(configuration: detector.configuration, state: state,
                                                           resources: DetectorResources())) { error in
            XCTAssertTrue("\(error)".contains("flow.1.actnorm.bias"), "\(error)")
        }
    }

    /// Cancelled at its first training batch, a fit stops with `.cancelled`; that batch's progress showed the loss.
    func testCancellingStopsTheFitAndProgressShowsTheLoss() throws {
        let log = CancelAtFirstReport(stage: "training")
        XCTAssertThrowsError(try detector(["epochs": "50", "heads": "2"]).fit(training(), context: log.context)) {
            XCTAssertEqual($0 as? DetectorError, .cancelled)
        }
        XCTAssertEqual(log.details.count, 1)
        XCTAssertTrue(log.details[0].hasPrefix("flow 1/2 · epoch 1/50 · loss "), log.details[0])
    }

    func testParametersAreValidatedByName() {
        for (bad, key) in [(["rotations": "3"], "rotations"), (["blocks": "0"], "blocks"), (["lr": "x"], "lr"),
                           (["clamp": "0"], "clamp"), (["score": "max"], "score"), (["epoch": "3"], "epoch")] {
            XCTAssertThrowsError(try DifferNetParameters(bad), "\(bad)") { error in
                XCTAssertTrue("\(error)".contains(key), "\(error)")
            }
        }
        XCTAssertEqual(try DifferNetParameters([:]).quarterTurns, [0, 1, 2, 3])
        XCTAssertEqual(try DifferNetParameters(["rotations": "2"]).quarterTurns, [0, 2])
        XCTAssertEqual(try DifferNetParameters(["rotations": "1"]).quarterTurns, [0])
        XCTAssertEqual(try DifferNetParameters([:]).heads, DifferNetParameters.defaultHeads)
        XCTAssertEqual(try DifferNetParameters([:]).recorded["heads"], "3")
    }

    func testListedInTheRegistry() {
        XCTAssertTrue(DetectorRegistry.standard.kinds.contains("differnet"))
    }
}
