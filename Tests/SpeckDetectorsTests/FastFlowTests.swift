import Foundation
import SpeckImaging
import SpeckLearning
import SpeckTensor
import SpeckTestSupport
import XCTest
@testable import SpeckDetectors

/// FastFlow on a few real bottle images with the real backbone (tiny fits at
/// 128→112 px): it ranks a broken bottle above a good one, a model file
/// restores bit for bit, one seed gives one model, damaged files and bad
/// parameters are refused by name, and a fit can be cancelled.
final class FastFlowTests: XCTestCase {
    private static let small = ["epochs": "2", "blocks": "2", "batch": "2", "heads": "1"]

    /// MVTec's bottle is licensed: it stays in the shared folder.
    private func image(_ relative: String) throws -> Image {
        try ImageIO.decode(contentsOf: TestData.shared("datasets/mvtec-bottle/" + relative))
    }

    /// Real bottles for the ranking test; synthetic plates elsewhere, so those tests run without ../shared.
    private func bottles() throws -> TrainingImages {
        TrainingImages(try ["000", "001", "002", "003"].map { try image("train/good/\($0).png") })
    }

    private func trainingImages() -> TrainingImages { SyntheticPlate.training(count: 4, side: 128) }

    private func detector(_ extra: [String: String] = [:]) throws -> any Detector {
        try DetectorRegistry.standard.makeDetector(kind: "fastflow", parameters: Self.small.merging(extra) { $1 },
                                                   preprocessing: Preprocessing(resize: 128, crop: 112))
    }

    private func fitted(_ extra: [String: String] = [:], on images: TrainingImages? = nil) throws -> any Detector {
        let detector = try detector(extra)
        try detector.fit(images ?? trainingImages(), context: FitContext())
        return detector
    }

    func testRanksABrokenBottleAboveAGoodOneAndRestoresBitForBit() throws {
        let detector = try fitted(on: try bottles())
        let good = try image("test/good/000.png"), broken = try image("test/broken_large/000.png")
        let before = try detector.score(broken)
        XCTAssertEqual(before.map?.width, 112)
        XCTAssertEqual(before.map?.values.count, 112 * 112)
        XCTAssertGreaterThan(before.score, try detector.score(good).score, "a broken bottle scored below a good one")

        let restored = try DetectorRegistry.standard.restore(try ModelFile.decode(try ModelFile(detector: detector, calibration: nil).encoded()))
        let after = try restored.score(broken)
        XCTAssertEqual(before.score.bitPattern, after.score.bitPattern)
        XCTAssertEqual(try XCTUnwrap(before.map).values.map(\.bitPattern), after.map?.values.map(\.bitPattern))
    }

    /// The same on synthetic plates, so that a clone without ../shared checks the model file too.
    func testModelFileRestoresBitForBitOnPlates() throws {
        let detector = try fitted()
        let probe = SyntheticPlate.image(seed: 40, side: 128, spot: true)
        let before = try detector.score(probe)
        let restored = try DetectorRegistry.standard.restore(try ModelFile.decode(try ModelFile(detector: detector, calibration: nil).encoded()))
        let after = try restored.score(probe)
        XCTAssertEqual(before.score.bitPattern, after.score.bitPattern)
        XCTAssertEqual(try XCTUnwrap(before.map).values.map(\.bitPattern), after.map?.values.map(\.bitPattern))
    }

    /// `heads=2`: two flows from two seeds whose maps are averaged; the first is the lone model
    /// bit for bit, the pair restores bit for bit, and a file from before heads reloads as one.
    func testHeadsAverageTheirMapsRestoreAndKeepTheFirstAsTheLoneModel() throws {
        let two = try fitted(["heads": "2"]), one = try fitted(["heads": "1"])
        XCTAssertEqual(two.configuration.parameters["heads"], "2")
        let state = try two.exportState(), lone = try one.exportState()
        XCTAssertEqual(state.arrays.count, 2 * lone.arrays.count)
        XCTAssertEqual(state.arrays["level0.0.coupling.conv1.weight"], lone.arrays["level0.0.coupling.conv1.weight"])
        XCTAssertNotEqual(state.arrays["head1.level0.0.coupling.conv1.weight"], lone.arrays["level0.0.coupling.conv1.weight"])
        let probe = SyntheticPlate.image(seed: 40, side: 128, spot: true)
        let pair = try two.score(probe)
        XCTAssertNotEqual(pair.score.bitPattern, try one.score(probe).score.bitPattern)
        let restored = try DetectorRegistry.standard.restore(try ModelFile.decode(try ModelFile(detector: two, calibration: nil).encoded()))
        XCTAssertEqual(try restored.score(probe).map?.values.map(\.bitPattern), pair.map?.values.map(\.bitPattern))
        var configuration = one.configuration
        configuration.parameters["heads"] = nil
        let older = try FastFlowDetector.restore(configuration: configuration, state: lone, resources: DetectorResources())
        XCTAssertEqual(older.configuration.parameters["heads"], "1")
        XCTAssertEqual(try older.score(probe).score.bitPattern, try one.score(probe).score.bitPattern)
        XCTAssertEqual(FastFlowDetector.mean([[1, 2], [3, 6]]), [2, 4])
    }

    func testOneSeedGivesOneModel() throws {
        let first = try fitted().exportState()
        XCTAssertEqual(first.arrays.count, 3 * 2 * 7, "3 levels × 2 blocks × (2 ActNorm + 4 subnet tensors + 1 order)")
        let again = try fitted().exportState()
        XCTAssertEqual(again.arrays.keys.sorted(), first.arrays.keys.sorted())
        for (name, array) in first.arrays {
            XCTAssertEqual(again.arrays[name]?.values.map(\.bitPattern), array.values.map(\.bitPattern), name)
        }
        let other = try fitted(["seed": "5"]).exportState()
        XCTAssertNotEqual(other.arrays["level0.0.coupling.conv1.weight"]?.values,
                          first.arrays["level0.0.coupling.conv1.weight"]?.values)
    }

    func testSubnetsAlternateThreeAndOneKernels() throws {
        let model = FastFlowModel(channels: [6, 10], parameters: try FastFlowParameters(["blocks": "4", "hidden": "0.5"]))
        let shapes = model.flows[1].namedTensors.filter { $0.key.hasSuffix("conv1.weight") }
        // 10 channels: 5 pass, a hidden width of 0.5 × 5 → 3 (rounded), 3x3 in even blocks, 1x1 in odd.
        XCTAssertEqual(shapes["level1.0.coupling.conv1.weight"]?.shape, [3, 5, 3, 3])
        XCTAssertEqual(shapes["level1.1.coupling.conv1.weight"]?.shape, [3, 5, 1, 1])
        XCTAssertEqual(shapes["level1.2.coupling.conv1.weight"]?.shape, [3, 5, 3, 3])
        XCTAssertEqual(shapes["level1.3.coupling.conv1.weight"]?.shape, [3, 5, 1, 1])
    }

    /// One block whose coupling is still the identity: z = x · e^0.5 per channel and log|det| = 4 · 0.5
    /// per position, so each map form can be worked out by hand.
    func testMapFormsFromTheLikelihood() throws {
        let model = FastFlowModel(channels: [4], parameters: try FastFlowParameters(["blocks": "1"]))
        let norm = try XCTUnwrap(model.flows[0].steps.first as? ActNorm)
        norm.logScale.value = Tensor(shape: [4], data: [0.5, 0.5, 0.5, 0.5])
        let x = Tensor(shape: [1, 4, 1, 2], data: [1, 0, -2, 0, 0.5, 0, 1, 0])
        let meanSquares: [Float] = [(1 + 4 + 0.25 + 1) * exp(1) / 4, 0]
        let halfLog2Pi = 0.5 * log(2 * Float.pi)
        let logP = meanSquares.map { -halfLog2Pi - 0.5 * $0 + 0.5 }
        func values(_ kind: FastFlowParameters.MapKind) -> [Float] { model.anomaly(level: 0, of: x, kind: kind).data }
        XCTAssertEqual(model.anomaly(level: 0, of: x, kind: .density).shape, [1, 1, 1, 2])
        for (got, want) in zip(values(.likelihood), logP.map { -$0 }) { XCTAssertEqual(got, want, accuracy: 1e-5) }
        for (got, want) in zip(values(.density), logP.map { -exp($0 + halfLog2Pi) }) { XCTAssertEqual(got, want, accuracy: 1e-5) }
        for (got, want) in zip(values(.probability), meanSquares.map { -exp(-0.5 * $0) }) { XCTAssertEqual(got, want, accuracy: 1e-5) }
    }

    func testRestoreRefusesANaNTensorByName() throws {
        let detector = try fitted(["epochs": "1"])
        var state = try detector.exportState()
        state.arrays["level1.1.coupling.conv2.weight"]!.values[2] = .nan
        XCTAssertThrowsError(try FastFlowDetector.restore(configuration: detector.configuration, state: state,
                                                          resources: DetectorResources())) { error in
            XCTAssertTrue("\(error)".contains("level1.1.coupling.conv2.weight"), "\(error)")
        }
        state.arrays["level2.0.actnorm.bias"] = nil
        XCTAssertThrowsError(try FastFlowDetector.restore(configuration: detector.configuration, state: state,
                                                          resources: DetectorResources())) { error in
            XCTAssertTrue("\(error)".contains("level2.0.actnorm.bias"), "\(error)")
        }
    }

    func testParametersAreValidatedByName() {
        for (key, value) in [("epoch", "3"), ("clamp", "0"), ("hidden", "-1"), ("blocks", "0"), ("sigma", "-2"),
                             ("lr", "2"), ("map", "max"), ("seed", "x")] {
            XCTAssertThrowsError(try FastFlowParameters([key: value]), "\(key)=\(value)") { error in
                XCTAssertTrue("\(error)".contains(key), "\(error)")
            }
        }
        XCTAssertEqual(try FastFlowParameters(["sigma": "0"]).sigma, 0)
        XCTAssertEqual(try FastFlowParameters([:]).heads, FastFlowParameters.defaultHeads)
        XCTAssertEqual(try FastFlowParameters([:]).recorded["heads"], "3")
        XCTAssertThrowsError(try FastFlowParameters(["heads": "0"])) { XCTAssertTrue("\($0)".contains("heads"), "\($0)") }
    }

    /// Cancelled after its first training batch, a fit stops with `.cancelled`; that batch's progress showed the loss.
    func testCancellingStopsTheFitAndProgressShowsTheLoss() throws {
        let log = CancelAtFirstReport(stage: "training")
        XCTAssertThrowsError(try detector(["epochs": "50"]).fit(trainingImages(), context: log.context)) {
            XCTAssertEqual($0 as? DetectorError, .cancelled)
        }
        XCTAssertEqual(log.details.count, 1)
        XCTAssertTrue(log.details[0].hasPrefix("epoch 1/50 · loss "), log.details[0])
    }

    /// Features over `memory_mb`: the fit learns from a seeded sample of the images, says so, and records the budget.
    func testAFitOverItsMemoryBudgetLearnsFromASampleAndSaysSo() throws {
        let told = TrainingBudgetTests.Messages()
        let detector = try detector(["memory_mb": "1"])
        try detector.fit(SyntheticPlate.training(count: 20, side: 128), context: FitContext(onMessage: { told.append($0) }))
        let note = try XCTUnwrap(told.all.first { $0.contains("seeded sample") }, "no word of the sample: \(told.all)")
        let kept = try XCTUnwrap(Int(try XCTUnwrap(note.firstMatch(of: /sample of (\d+) of 20/)).output.1))
        XCTAssertTrue((2..<20).contains(kept), note)
        XCTAssertEqual(detector.configuration.parameters["memory_mb"], "1")
        XCTAssertTrue(try detector.score(SyntheticPlate.training(count: 1, side: 128).image(at: 0)).score.isFinite)
    }
}
