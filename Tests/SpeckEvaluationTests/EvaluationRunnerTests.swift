import Foundation
import SpeckDetectors
import SpeckImaging
import XCTest
@testable import SpeckEvaluation

/// End to end on a tiny MVTec-style folder written to a temporary directory.
final class EvaluationRunnerTests: XCTestCase {
    private var tiny: TinyDataset?
    private var root: String!

    override func tearDownWithError() throws {
        tiny?.remove()
        if let root { try? FileManager.default.removeItem(atPath: root) }
    }

    private func makeDataset(trainCount: Int = 6) throws {
        tiny = try TinyDataset(trainCount: trainCount)
        root = tiny!.root
    }

    private func write(_ image: Image, _ relative: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try ImageIO.writePNG(image, to: path)
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
        XCTAssertTrue(report.hasMap)
        XCTAssertTrue(calibration.thresholdMethod.hasPrefix("F1-optimal"), calibration.thresholdMethod)
        XCTAssertEqual(calibration.normalisedScore(calibration.threshold), 0.5, accuracy: 1e-6)
        // The JSON names the figures the way check_reference.py reads them.
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        for key in ["\"image_auroc\"", "\"pixel_auroc\"", "\"aupro\"", "\"f1_max\"", "\"threshold\"", "\"overall\"", "\"per_kind\""] {
            XCTAssertTrue(json.contains(key), key)
        }
    }

    /// A score-only detector (Deep SVDD on pixels) gets image figures, pixel
    /// figures "n/a" rather than invented ones, and a finite calibration.
    func testDetectorWithoutMapsHasNoPixelFigures() throws {
        try makeDataset(trainCount: 8)
        let detector = try DetectorRegistry.standard.makeDetector(
            kind: "deepsvdd", parameters: ["input": "pixels", "side": "16", "epochs": "5", "batch": "4"],
            preprocessing: Preprocessing(resize: 32))
        let (report, calibration, outcome) = try EvaluationRunner(dataset: try Dataset.discover(at: root)).evaluate(detector)
        XCTAssertFalse(report.hasMap)
        XCTAssertNotNil(report.overall.imageAUROC)
        XCTAssertNil(report.overall.pixelAUROC)
        XCTAssertNil(report.overall.aupro)
        XCTAssertTrue(outcome.scored.allSatisfy { $0.map == nil && $0.mask == nil })
        XCTAssertNil(calibration.pixelThreshold)
        XCTAssertNoThrow(try JSONEncoder().encode(calibration))
    }

    func testTrainWithoutDefectsUsesAQuantileOfHeldOutNormals() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("speck-folder-\(UUID().uuidString)").path
        for i in 0 ..< 10 { try write(TinyDataset.plain(seed: UInt64(i)), "good/\(i).png") }
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
