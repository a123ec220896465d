import Foundation
import SpeckDetectors
import SpeckImaging
import XCTest
@testable import SpeckEvaluation

/// End to end on a tiny MVTec-style folder written to a temporary directory.
final class EvaluationRunnerTests: XCTestCase {
    private var root: String!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("speck-eval-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    private func write(_ image: Image, _ relative: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try ImageIO.writePNG(image, to: path)
    }

    private func plain(_ value: Float, seed: UInt64) -> Image {
        var generator = SeededGenerator(seed: seed)
        return Image(width: 32, height: 32, channels: 3,
                     pixels: (0 ..< 32 * 32 * 3).map { _ in value + Float.random(in: -0.02 ... 0.02, using: &generator) })
    }

    private func spotted(seed: UInt64) -> (Image, Image) {
        var image = plain(0.5, seed: seed)
        var mask = Image(width: 32, height: 32, channels: 1)
        for y in 10 ..< 16 { for x in 10 ..< 16 { mask[0, y, x] = 1; for c in 0 ..< 3 { image[c, y, x] = 1 } } }
        return (image, mask)
    }

    private func makeDataset(trainCount: Int = 6) throws {
        for i in 0 ..< trainCount { try write(plain(0.5, seed: UInt64(i)), "train/good/\(i).png") }
        for i in 0 ..< 3 { try write(plain(0.5, seed: UInt64(100 + i)), "test/good/\(i).png") }
        for i in 0 ..< 3 {
            let (image, mask) = spotted(seed: UInt64(200 + i))
            try write(image, "test/spot/\(i).png")
            try write(mask, "ground_truth/spot/\(i)_mask.png")
        }
        try FileManager.default.createDirectory(atPath: root + "/train/good", withIntermediateDirectories: true)
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: root + "/train/good/broken.png"))
    }

    private func meanstd() throws -> any Detector {
        try DetectorRegistry.standard.makeDetector(kind: "meanstd", preprocessing: Preprocessing(resize: 32))
    }

    func testEvaluatesAndListsTheBrokenFile() throws {
        try makeDataset()
        let runner = EvaluationRunner(dataset: try Dataset.discover(at: root))
        let (report, calibration, _) = try runner.evaluate(try meanstd())
        XCTAssertEqual(report.trainImages, 6)
        XCTAssertEqual(report.testImages, 6)
        XCTAssertEqual(report.skipped.map { ($0.path as NSString).lastPathComponent }, ["broken.png"])
        XCTAssertEqual(report.overall.imageAUROC, 1)
        XCTAssertGreaterThan(report.overall.pixelAUROC!, 0.9)
        XCTAssertGreaterThan(report.overall.aupro!, 0.5)
        XCTAssertEqual(report.perKind.keys.sorted(), ["spot"])
        XCTAssertTrue(calibration.thresholdMethod.hasPrefix("F1-optimal"), calibration.thresholdMethod)
        XCTAssertEqual(calibration.normalisedScore(calibration.threshold), 0.5, accuracy: 1e-6)
        // The JSON names the figures the way check_reference.py reads them.
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        for key in ["\"image_auroc\"", "\"pixel_auroc\"", "\"aupro\"", "\"f1_max\"", "\"threshold\"", "\"overall\"", "\"per_kind\""] {
            XCTAssertTrue(json.contains(key), key)
        }
    }

    func testTrainWithoutDefectsUsesAQuantileOfHeldOutNormals() throws {
        for i in 0 ..< 10 { try write(plain(0.5, seed: UInt64(i)), "good/\(i).png") }
        let runner = EvaluationRunner(dataset: try Dataset.discover(at: root))
        let (model, outcome) = try runner.train(try meanstd())
        XCTAssertEqual(outcome.trainCount, 8) // every 5th image held out
        XCTAssertEqual(outcome.scored.count, 2)
        XCTAssertTrue(model.calibration!.thresholdMethod.contains("quantile"), model.calibration!.thresholdMethod)
    }

    func testZeroTrainingImagesIsAClearError() throws {
        try makeDataset(trainCount: 0)
        let runner = EvaluationRunner(dataset: try Dataset.discover(at: root))
        XCTAssertThrowsError(try runner.evaluate(try meanstd())) { error in
            XCTAssertTrue("\(error)".contains("no readable training images"), "\(error)")
        }
    }
}
