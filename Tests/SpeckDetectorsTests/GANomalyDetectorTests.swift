import SpeckImaging
import SpeckLearning
import SpeckTensor
import XCTest
@testable import SpeckDetectors

/// GANomaly on a tiny synthetic set with narrow networks: model files round
/// trip bit for bit, a seed fixes the weights, the options are validated, the
/// generator learns, and a fit can be cancelled.
final class GANomalyDetectorTests: XCTestCase {
    private static let small = ["width": "8", "latent": "8", "batch": "4", "epochs": "2", "steps": "0", "heads": "1"]

    /// A bright disc on a dark ground, shifted a little per image; `spot` adds a dark square on the disc.
    private func image(_ index: Int, spot: Bool = false) -> Image {
        var image = Image(width: 32, height: 32, channels: 3, fill: 0.1)
        let cx = 16 + Float(index % 3) - 1, cy = 16 + Float(index % 2)
        for c in 0 ..< 3 {
            for y in 0 ..< 32 {
                for x in 0 ..< 32 where (Float(x) - cx) * (Float(x) - cx) + (Float(y) - cy) * (Float(y) - cy) < 100 {
                    image[c, y, x] = 0.8 - 0.1 * Float(c)
                }
            }
            if spot { for y in 12 ..< 20 { for x in 12 ..< 20 { image[c, y, x] = 0 } } }
        }
        return image
    }

    private func detector(_ extra: [String: String] = [:]) throws -> any Detector {
        try DetectorRegistry.standard.makeDetector(kind: "ganomaly", parameters: Self.small.merging(extra) { $1 },
                                                   preprocessing: Preprocessing(resize: 32))
    }

    private func fitted(_ extra: [String: String] = [:]) throws -> any Detector {
        let detector = try detector(extra)
        try detector.fit(TrainingImages((0 ..< 8).map { image($0) }), context: FitContext())
        return detector
    }

    func testModelFileRoundTripScoresBitForBit() throws {
        let detector = try fitted(["snapshots": "5"])
        let probe = image(1, spot: true)
        let before = try detector.score(probe)
        let map = try XCTUnwrap(before.map, "GANomaly paints a reconstruction-error map")
        XCTAssertEqual(map.width, 32)
        XCTAssertEqual(map.values.count, 32 * 32)
        let state = try detector.exportState()
        // Both networks, with the batch-norm running statistics.
        XCTAssertNotNil(state.arrays["generator.encoder.pyramid1.norm.running_var"])
        XCTAssertNotNil(state.arrays["discriminator.final.weight"])
        // The earlier generators that score with the final one, each with its ranges.
        XCTAssertNotNil(state.arrays["snapshot1.generator.encoder.pyramid1.norm.running_var"])
        XCTAssertNotNil(state.scalars["snapshot2.latent.max"])
        let model = try ModelFile.decode(try ModelFile(detector: detector, calibration: nil).encoded())
        let after = try DetectorRegistry.standard.restore(model).score(probe)
        XCTAssertEqual(before.score.bitPattern, after.score.bitPattern)
        XCTAssertEqual(map.values.map(\.bitPattern), try XCTUnwrap(after.map).values.map(\.bitPattern))
    }

    /// Fits split each batch over two threads (`DataParallel`'s default): the shards' gradients and
    /// batch-norm statistics are combined in a fixed order, so the bits hold.
    func testTheSameSeedGivesTheSameWeightsAndScores() throws {
        let a = try fitted(), b = try fitted(), c = try fitted(["seed": "1"])
        XCTAssertEqual(try a.exportState(), try b.exportState())
        XCTAssertNotEqual(try a.exportState(), try c.exportState())
        let probe = image(2, spot: true)
        XCTAssertEqual(try a.score(probe).score.bitPattern, try b.score(probe).score.bitPattern)
    }

    func testRestoreRefusesDamagedWeightsByName() throws {
        var state = try fitted().exportState()
        state.arrays["generator.decoder.final.weight"]!.values[0] = .nan
        let configuration = DetectorConfiguration(detector: "ganomaly", parameters: Self.small,
                                                  preprocessing: Preprocessing(resize: 32))
        XCTAssertThrowsError(try GANomalyDetector.restore(configuration: configuration, state: state,
                                                          resources: DetectorResources())) {
            XCTAssertTrue("\($0)".contains("generator.decoder.final.weight"), "\($0)")
        }
    }

    func testParametersAreValidated() {
        for bad in [["size": "96"], ["epochs": "0"], ["lr": "x"], ["score": "max"], ["widht": "8"], ["snapshots": "0"],
                    ["snapshots": "21"], ["batchnorm": "pooled"], ["heads": "0"], ["heads": "17"]] {
            XCTAssertThrowsError(try detector(bad), "\(bad)") { XCTAssertTrue("\($0)".contains(bad.keys.first!), "\($0)") }
        }
    }

    /// Small sets run more epochs to make `steps` updates; large ones keep their epochs; old files record 0.
    func testASmallSetRunsEnoughSteps() throws {
        let defaults = try GANomalyParameters([:])
        XCTAssertEqual(defaults.epochs(batchesPerEpoch: 6), 45, "bottle: 209 images in batches of 32")
        XCTAssertEqual(defaults.epochs(batchesPerEpoch: 10), 45, "screw: 320 images")
        XCTAssertEqual(defaults.epochs(batchesPerEpoch: 1), 270, "metal_plate: 41 images")
        XCTAssertEqual(try GANomalyParameters(["epochs": "2", "steps": "9"]).epochs(batchesPerEpoch: 2), 5)
        XCTAssertEqual(try GANomalyParameters(["steps": "0"]).epochs(batchesPerEpoch: 1), 45)
        XCTAssertEqual(defaults.recorded["steps"], "270")
        XCTAssertEqual(defaults.recorded["snapshots"], "1", "one generator scores unless asked (README: GANomaly)")
        XCTAssertEqual(defaults.recorded["batchnorm"], "recomputed", "README: GANomaly")
        XCTAssertEqual(defaults.recorded["average"], "0.5")
        XCTAssertEqual(defaults.recorded["heads"], "3", "three runs by default (README: GANomaly, Several runs)")
        XCTAssertThrowsError(try GANomalyParameters(["steps": "-1"])) { XCTAssertTrue("\($0)".contains("steps"), "\($0)") }
        XCTAssertEqual(GANomalyParameters.upgrading(["epochs": "45"]), ["epochs": "45", "steps": "0", "snapshots": "1", "batchnorm": "running", "heads": "1"])
        // A fit says how many epochs and steps it ran.
        let told = TrainingBudgetTests.Messages()
        try detector(["steps": "6"]).fit(TrainingImages((0 ..< 8).map { image($0) }), context: FitContext(onMessage: { told.append($0) }))
        XCTAssertTrue(told.all.contains { $0.hasPrefix("GANomaly: 3 epochs, 6 steps") }, "\(told.all)")
    }

    /// The score averages the generators of the run's last half; the final generator, its
    /// map and the training are what one generator gives. A file from before `snapshots`
    /// scores with its final generator alone, as it did.
    func testSnapshotsScoreWithEarlierGeneratorsOfTheSameRun() throws {
        let told = TrainingBudgetTests.Messages()
        let images = TrainingImages((0 ..< 8).map { image($0) })
        let one = try detector(["snapshots": "1"]), three = try detector(["snapshots": "5"])
        try one.fit(images, context: FitContext())
        try three.fit(images, context: FitContext(onMessage: { told.append($0) }))
        XCTAssertTrue(told.all.contains { $0.contains("scored by the generator averaged over steps 3–4 and the generators after steps 2, 3") }, "\(told.all)")
        let single = try one.exportState(), several = try three.exportState()
        for (name, array) in single.arrays { XCTAssertEqual(several.arrays[name], array, name) }
        XCTAssertEqual(several.arrays.count, single.arrays.count + 2 * single.arrays.keys.filter { $0.hasPrefix("generator.") }.count)
        let probe = image(1, spot: true)
        let a = try one.score(probe), b = try three.score(probe)
        XCTAssertEqual(a.map, b.map, "the map is the final generator's")
        XCTAssertNotEqual(a.score, b.score)

        var old = DetectorConfiguration(detector: "ganomaly", parameters: Self.small, preprocessing: Preprocessing(resize: 32))
        old.parameters["snapshots"] = nil
        let restored = try GANomalyDetector.restore(configuration: old, state: single, resources: DetectorResources())
        XCTAssertEqual(restored.configuration.parameters["snapshots"], "1")
        XCTAssertEqual(try restored.score(probe).score.bitPattern, a.score.bitPattern)
    }

    /// `heads=2` adds a second whole run from its own seed: the first run is the one-head fit bit for
    /// bit, the second is a one-head fit with the mixed seed, under "head1." names. The score averages
    /// both runs' normalised scores, the map their final generators' errors; the file round-trips,
    /// and one written before `heads` scores as one run, as it did.
    func testHeadsAverageWholeRunsFromOtherSeeds() throws {
        let told = TrainingBudgetTests.Messages()
        let images = TrainingImages((0 ..< 8).map { image($0) })
        let one = try detector(), two = try detector(["heads": "2", "snapshots": "2"]), oneTwo = try detector(["snapshots": "2"])
        let second = try detector(["seed": "\(EnsembleMembers.seed(base: 0, member: 1))"])
        try one.fit(images, context: FitContext())
        try oneTwo.fit(images, context: FitContext())
        try second.fit(images, context: FitContext())
        try two.fit(images, context: FitContext(onMessage: { told.append($0) }))
        XCTAssertTrue(told.all.contains { $0.hasPrefix("GANomaly run 2 of 2: 2 epochs") }, "\(told.all)")
        let state = try two.exportState()
        for (name, array) in try oneTwo.exportState().arrays { XCTAssertEqual(state.arrays[name], array, name) }
        let secondState = try second.exportState()
        let generatorNames = secondState.arrays.keys.filter { $0.hasPrefix("generator.") }
        XCTAssertFalse(generatorNames.isEmpty)
        for name in generatorNames { XCTAssertEqual(state.arrays["head1." + name], secondState.arrays[name], name) }
        XCTAssertNotNil(state.arrays["head1.snapshot1.generator.encoder.pyramid1.norm.running_var"])
        XCTAssertEqual(state.scalars["head1.latent.max"], secondState.scalars["latent.max"])

        let probe = image(1, spot: true)
        let a = try one.score(probe), b = try two.score(probe)
        XCTAssertNotEqual(a.score, b.score)
        XCTAssertNotEqual(a.map, b.map, "the map is the mean of both runs' final generators")
        let model = try ModelFile.decode(try ModelFile(detector: two, calibration: nil).encoded())
        let after = try DetectorRegistry.standard.restore(model).score(probe)
        XCTAssertEqual(b.score.bitPattern, after.score.bitPattern)
        XCTAssertEqual(try XCTUnwrap(b.map).values.map(\.bitPattern), try XCTUnwrap(after.map).values.map(\.bitPattern))

        var old = one.configuration
        old.parameters["heads"] = nil
        let upgraded = try GANomalyDetector.restore(configuration: old, state: try one.exportState(), resources: DetectorResources())
        XCTAssertEqual(upgraded.configuration.parameters["heads"], "1")
        XCTAssertEqual(try upgraded.score(probe).score.bitPattern, a.score.bitPattern)
    }

    /// `batchnorm=recomputed` changes only the generators' running statistics: to those of
    /// the training images under the final weights. Old files score as they did ("running").
    func testRecomputedBatchNormStatisticsDescribeTheFinalWeights() throws {
        let images = TrainingImages((0 ..< 8).map { image($0) })
        let running = try detector(["batchnorm": "running"]), recomputed = try detector()
        try running.fit(images, context: FitContext())
        try recomputed.fit(images, context: FitContext())
        let before = try running.exportState(), after = try recomputed.exportState()
        XCTAssertEqual(Set(before.arrays.keys), Set(after.arrays.keys))
        for (name, array) in before.arrays {
            let statistic = name.hasPrefix("generator.") && name.contains(".running_")
            if statistic { XCTAssertNotEqual(after.arrays[name], array, name) } else { XCTAssertEqual(after.arrays[name], array, name) }
        }
        // They are what recalibrating the running fit's generator on the 8 training images gives.
        var rng = SeededGenerator(seed: 0)
        let generator = GANomalyGenerator(size: 64, width: 8, latent: 8, rng: &rng)
        try before.load(into: [generator])
        let x = (0 ..< 8).flatMap { image($0).resized(width: 64, height: 64).pixels.map { $0 * 2 - 1 } }
        let halves = [0, 1].map { Tensor(shape: [4, 3, 64, 64], data: Array(x[$0 * x.count / 2 ..< ($0 + 1) * x.count / 2])) }
        BatchNormRecalibration.recalibrate(batches: halves) { _ = generator($0, training: true) }
        for (name, tensor) in generator.namedTensors { XCTAssertEqual(after.arrays[name]?.values, tensor.data, name) }
        let probe = image(1, spot: true)
        XCTAssertNotEqual(try running.score(probe).score, try recomputed.score(probe).score)

        var old = running.configuration
        old.parameters["batchnorm"] = nil
        let upgraded = try GANomalyDetector.restore(configuration: old, state: before, resources: DetectorResources())
        XCTAssertEqual(upgraded.configuration.parameters["batchnorm"], "running")
        XCTAssertEqual(try upgraded.score(probe).score.bitPattern, try running.score(probe).score.bitPattern)
    }

    func testTheGeneratorLearnsToReconstruct() throws {
        var parameters = try GANomalyParameters(Self.small)
        parameters.learningRate = 2e-3
        let trainer = GANomalyTrainer(parameters: parameters)
        let batch = Tensor(shape: [4, 3, 64, 64], data: (0 ..< 4).flatMap { index -> [Float] in
            image(index).resized(width: 64, height: 64).pixels.map { $0 * 2 - 1 }
        })
        let first = try trainer.step(batch)
        var last = first
        for _ in 0 ..< 30 { last = try trainer.step(batch) }
        XCTAssertLessThan(last.contextual, first.contextual * 0.5, "contextual loss \(first.contextual) → \(last.contextual)")
        XCTAssertTrue(last.discriminator.isFinite && last.generator.isFinite)
    }

    /// Cancelled after its first batch, a fit stops with `.cancelled`; the batch's progress showed both losses.
    func testCancellingStopsTheFitAndProgressShowsTheLosses() throws {
        let log = CancelAtFirstReport(stage: "training GANomaly")
        XCTAssertThrowsError(try detector(["epochs": "50"]).fit(TrainingImages((0 ..< 8).map { image($0) }), context: log.context)) {
            XCTAssertEqual($0 as? DetectorError, .cancelled)
        }
        XCTAssertEqual(log.details.count, 1)
        XCTAssertTrue(log.details[0].hasPrefix("epoch 1/50 · G "), log.details[0])
        XCTAssertTrue(log.details[0].contains("· D "), log.details[0])
    }
}
