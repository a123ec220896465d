import Foundation
import SpeckImaging
import SpeckLearning
import SpeckTensor
import XCTest
@testable import SpeckDetectors

/// Deep SVDD's objective as the paper defines it, and the pixel form end to
/// end on small synthetic images: seeded runs repeat bit for bit, model files
/// restore bit for bit, and a score-only detector says it has no map.
final class DeepSVDDTests: XCTestCase {
    func testCentreKeepsCoordinatesAwayFromZero() {
        XCTAssertEqual(SVDDObjective.centre(meanOutput: [0.5, -0.05, 0.02, 0, -0.3], epsilon: 0.1), [0.5, -0.1, 0.1, 0.1, -0.3])
    }

    func testObjectivesAndRadius() {
        let d = Variable(Tensor(shape: [4, 1], data: [1, 2, 3, 10]))
        XCTAssertEqual(SVDDObjective.oneClass.loss(d, radiusSquared: 0).scalar, 4)
        // R² = 2.5: R² + (1/ν)·mean(max(0, d − R²)) = 2.5 + 2·(0 + 0 + 0.5 + 7.5)/4.
        XCTAssertEqual(SVDDObjective.softBoundary(nu: 0.5).loss(d, radiusSquared: 2.5).scalar, 6.5, accuracy: 1e-6)
        XCTAssertNil(SVDDObjective.oneClass.radiusSquared(from: [1, 4]))
        // (1 − ν) = 0.5 quantile of √d = {1, 2, 3, 4} is 2.5.
        XCTAssertEqual(SVDDObjective.softBoundary(nu: 0.5).radiusSquared(from: [1, 4, 9, 16])!, 6.25, accuracy: 1e-5)
        XCTAssertEqual(SVDDObjective.softBoundary(nu: 0.5).score(distance: 9, radiusSquared: 6.25), 2.75)
    }

    func testNetworksHaveNoBiases() {
        let patch = PatchNetwork(inputs: 8, hidden: 4, outputs: 2, seed: 1)
        let pixel = PixelNetwork(side: 16, outputs: 3, seed: 1)
        XCTAssertEqual((patch.parameters + pixel.parameters).filter { $0.name.hasSuffix("bias") }.map(\.name), [])
        // Without biases φ(0) = 0: the network cannot output c for everything.
        let zero = Variable(Tensor(zeros: [1, 8]))
        XCTAssertEqual(patch.embed(zero).value.data, [0, 0])
    }

    /// Plates with noise; `spot` paints a bright square.
    private func plate(seed: UInt64, spot: Bool = false) -> Image {
        var rng = SeededGenerator(seed: seed)
        var image = Image(width: 32, height: 32, channels: 3,
                          pixels: (0..<(32 * 32 * 3)).map { _ in 0.4 + Float.random(in: -0.05...0.05, using: &rng) })
        if spot { for c in 0..<3 { for y in 8..<24 { for x in 8..<24 { image[c, y, x] = 1 } } } }
        return image
    }

    private func pixelDetector(_ extra: [String: String] = [:]) throws -> any Detector {
        let parameters = ["input": "pixels", "side": "16", "epochs": "8", "batch": "4", "lr": "0.001"].merging(extra) { $1 }
        return try DetectorRegistry.standard.makeDetector(kind: "deepsvdd", parameters: parameters,
                                                          preprocessing: Preprocessing(resize: 32))
    }

    private func fitScores(_ extra: [String: String] = [:]) throws -> (detector: any Detector, scores: [Float]) {
        let detector = try pixelDetector(extra)
        try detector.fit(TrainingImages((0..<12).map { plate(seed: $0) }), context: FitContext())
        let probes = [plate(seed: 100), plate(seed: 101, spot: true)]
        return (detector, try probes.map { try detector.score($0).score })
    }

    func testPixelFormIsSeededScoresASpotAndHasNoMap() throws {
        BLAS.setThreadCount(1)
        let (detector, first) = try fitScores()
        XCTAssertNil(try detector.score(plate(seed: 1)).map)
        XCTAssertNil(detector.configuration.backbone, "the pixel form must not claim a backbone")
        XCTAssertGreaterThan(first[1], first[0], "a bright square should lie further from c than a plain plate")
        XCTAssertEqual(try fitScores().scores.map(\.bitPattern), first.map(\.bitPattern))
        XCTAssertNotEqual(try fitScores(["seed": "7"]).scores.map(\.bitPattern), first.map(\.bitPattern))
    }

    /// `steps=N` trains each network for N updates, within an epoch if need be: the
    /// progress counts N per network (12 plates in batches of 4 make 3 an epoch).
    func testAStepBudgetTrainsEachNetworkThatManyUpdates() throws {
        let totals = Totals()
        let detector = try pixelDetector(["steps": "5", "heads": "2"])
        try detector.fit(TrainingImages((0..<12).map { plate(seed: $0) }), context: FitContext(onProgress: { progress in
            if progress.stage == "training" { totals.add(progress) }
        }))
        XCTAssertEqual(totals.seen.map(\.total), Array(repeating: 10, count: 10))
        XCTAssertEqual(totals.seen.map(\.done).sorted(), Array(1...10))
        XCTAssertEqual(detector.configuration.parameters["steps"], "5")
    }

    private final class Totals: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var seen: [FitProgress] = []
        func add(_ progress: FitProgress) { lock.withLock { seen.append(progress) } }
    }

    func testSoftBoundaryModelRestoresBitForBit() throws {
        let (detector, scores) = try fitScores(["variant": "soft-boundary", "nu": "0.2"])
        let state = try detector.exportState()
        XCTAssertGreaterThan(try state.scalar("svdd.radius_squared"), 0)
        let model = try ModelFile.decode(try ModelFile(detector: detector, calibration: nil).encoded())
        let restored = try DetectorRegistry.standard.restore(model)
        let again = try [plate(seed: 100), plate(seed: 101, spot: true)].map { try restored.score($0).score }
        XCTAssertEqual(again.map(\.bitPattern), scores.map(\.bitPattern))
    }

    func testDamagedWeightsAreRefusedByName() throws {
        let (detector, _) = try fitScores(["epochs": "1"])
        var state = try detector.exportState()
        state.arrays["net.conv2.weight"]!.values[3] = .nan
        XCTAssertThrowsError(try DeepSVDDDetector.restore(configuration: detector.configuration, state: state,
                                                          resources: DetectorResources())) { error in
            XCTAssertTrue("\(error)".contains("net.conv2.weight"), "\(error)")
        }
    }

    func testParametersAreValidated() {
        for bad in [["variant": "hard"], ["side": "20", "input": "pixels"], ["epoch": "3"], ["nu": "0"]] {
            XCTAssertThrowsError(try DeepSVDDParameters(bad), "\(bad)")
        }
        XCTAssertEqual(try DeepSVDDParameters(["variant": "soft-boundary", "nu": "0.05"]).objective, .softBoundary(nu: 0.05))
    }
}
