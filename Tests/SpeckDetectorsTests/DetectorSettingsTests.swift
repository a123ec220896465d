import Foundation
import XCTest
import SpeckImaging
@testable import SpeckDetectors

/// The settings of the feature detectors (`--param`): taps, image score,
/// k, coreset size. Bad values are refused naming the key; every value a
/// model was fitted with (defaults included) is in its model file and a
/// reloaded model scores bit for bit the same. Synthetic plates, real backbone.
final class DetectorSettingsTests: XCTestCase {
    private func make(_ kind: String, _ parameters: [String: String]) throws -> any Detector {
        try DetectorRegistry.standard.makeDetector(kind: kind, parameters: parameters,
                                                   preprocessing: Preprocessing(resize: 64))
    }

    private func assertRefused(_ kind: String, _ parameters: [String: String], naming words: [String],
                               file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try make(kind, parameters), file: file, line: line) { error in
            for word in words { XCTAssertTrue("\(error)".contains(word), "\(error) does not name \(word)", file: file, line: line) }
        }
    }

    func testImageScoreRuleParsing() throws {
        XCTAssertEqual(try ImageScoreRule(parsing: "max", detector: "padim"), .max)
        XCTAssertEqual(try ImageScoreRule(parsing: "topk:5", detector: "padim"), .topK(5))
        XCTAssertEqual(try ImageScoreRule(parsing: "reweighted", detector: "patchcore", own: .reweighted), .reweighted)
        for bad in ["topk:0", "topk:", "topk:x", "mean", "reweighted", "TOPK:3"] {
            XCTAssertThrowsError(try ImageScoreRule(parsing: bad, detector: "padim")) { error in
                XCTAssertTrue("\(error)".contains("padim score=\(bad)"), "\(error)")
            }
        }
    }

    func testTopKIsTheMeanOfTheHighestPatchScores() {
        let patches: [Float] = [1, 9, 3, 7, 5]
        XCTAssertEqual(ImageScoreRule.topK(2).pooled(patchScores: patches, map: [0]), 8)
        XCTAssertEqual(ImageScoreRule.topK(10).pooled(patchScores: patches, map: [0]), 5)
        XCTAssertEqual(ImageScoreRule.max.pooled(patchScores: patches, map: [2, 4, 3]), 4)
        XCTAssertNil(ImageScoreRule.reweighted.pooled(patchScores: patches, map: [0]))
    }

    func testReaderRecordsDefaultsAndGivenValues() throws {
        let reader = ParameterReader(detector: "x", values: ["k": "3"])
        _ = try reader.int("k", default: 1, in: 1...9)
        _ = try reader.double("sigma", default: 4, in: 0...9)
        _ = try reader.choice("mode", default: "auto", among: ["auto", "fixed"])
        XCTAssertEqual(reader.recorded, ["k": "3", "sigma": "4.0", "mode": "auto"])
    }

    func testBadValuesAreRefusedNamingTheKey() {
        assertRefused("patchcore", ["taps": "blocks.2,blocks.9"], naming: ["patchcore", "taps", "blocks.9", "blocks.5"])
        assertRefused("padim", ["taps": "layer2"], naming: ["padim", "taps", "layer2"])
        assertRefused("spade", ["taps": "blocks.2+blocks.2"], naming: ["spade", "taps", "twice"])
        assertRefused("spade", ["image_tap": "blocks.6+blocks.5"], naming: ["image_tap", "one tap"])
        assertRefused("patchcore", ["score": "mean"], naming: ["patchcore score=mean", "topk:K", "reweighted"])
        assertRefused("padim", ["score": "reweighted"], naming: ["padim score=reweighted"])
        assertRefused("spade", ["score": "topk:-1"], naming: ["spade score=topk:-1"])
        assertRefused("patchcore", ["coreset": "2"], naming: ["patchcore coreset=2"])
        assertRefused("patchcore", ["neighbours": "0"], naming: ["patchcore neighbours=0"])
        assertRefused("spade", ["images": "many"], naming: ["spade images=many"])
        assertRefused("patchcore", ["corset": "0.1"], naming: ["patchcore has no parameter corset"])
    }

    /// Taps joined with '+' (as inside a --detector list) are recorded as a plain list, in order.
    func testTapsAreResolvedAndRecorded() throws {
        let detector = try make("patchcore", ["taps": "blocks.1+blocks.4"])
        XCTAssertEqual(detector.configuration.parameters["taps"], "blocks.1,blocks.4")
    }

    func testDefaultsAreRecorded() throws {
        XCTAssertEqual(try make("patchcore", [:]).configuration.parameters, [
            "coreset": "0.1", "neighbours": "9", "taps": "blocks.2,blocks.4", "memory_mb": "1024", "seed": "0",
            "projection": "0", "sigma": "4.0", "score": "topk:20", "coreset_method": "fast", "coreset_cell": "0"])
        XCTAssertEqual(try make("padim", [:]).configuration.parameters, [
            "channels": "all", "taps": "blocks.2,blocks.4", "seed": "0", "regularisation": "0.01", "sigma": "4.0",
            "score": "max"])
        XCTAssertEqual(try make("spade", [:]).configuration.parameters, [
            "images": "50", "taps": "blocks.2,blocks.4", "image_tap": "blocks.6", "sigma": "4.0", "score": "images",
            "memory_mb": "2048"])
    }

    /// Fitted with non-default settings, written, read back: the same
    /// settings, and bit-identical scores and maps.
    func testNonDefaultSettingsSurviveTheModelFile() throws {
        let cases: [(String, [String: String])] = [
            ("patchcore", ["taps": "blocks.1+blocks.3", "score": "topk:3", "neighbours": "3", "coreset": "0.05", "seed": "7"]),
            ("patchcore", ["score": "max", "coreset": "0.2"]),
            ("padim", ["taps": "blocks.3,blocks.5", "score": "topk:4", "channels": "20", "seed": "3"]),
            ("spade", ["taps": "blocks.1", "score": "max", "images": "2", "image_tap": "blocks.5"]),
        ]
        let good = SyntheticPlate.image(seed: 90), spot = SyntheticPlate.image(seed: 91, spot: true)
        for (kind, parameters) in cases {
            let detector = try make(kind, parameters)
            try detector.fit(SyntheticPlate.training(count: 4), context: FitContext())
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("speck-settings-\(UUID().uuidString).speckmodel")
            defer { try? FileManager.default.removeItem(at: url) }
            try ModelFile(detector: detector, calibration: nil).write(to: url)
            let model = try ModelFile.read(from: url)
            for (key, value) in parameters where key != "taps" {
                XCTAssertEqual(model.configuration.parameters[key], value, "\(kind) \(key)")
            }
            let restored = try DetectorRegistry.standard.restore(model)
            XCTAssertEqual(restored.configuration, detector.configuration, kind)
            for image in [good, spot] {
                let before = try detector.score(image), after = try restored.score(image)
                XCTAssertEqual(before.score.bitPattern, after.score.bitPattern, "\(kind) \(parameters)")
                XCTAssertEqual(before.map?.values.map(\.bitPattern), after.map?.values.map(\.bitPattern), "\(kind)")
            }
            XCTAssertGreaterThan(try detector.score(spot).score, try detector.score(good).score, "\(kind) \(parameters)")
        }
    }

    /// The image-score setting changes the score: top-k is not the reweighted maximum.
    func testScoreSettingIsUsed() throws {
        let spot = SyntheticPlate.image(seed: 91, spot: true)
        var scores: [Float] = []
        for rule in ["reweighted", "max", "topk:1", "topk:20"] {
            let detector = try make("patchcore", ["score": rule])
            try detector.fit(SyntheticPlate.training(count: 3), context: FitContext())
            scores.append(try detector.score(spot).score)
        }
        XCTAssertEqual(Set(scores.map(\.bitPattern)).count, 4, "\(scores)")
        XCTAssertGreaterThan(scores[2], scores[3], "the mean of the top 20 patches is below the top one")
    }
}
