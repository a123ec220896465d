import SpeckImaging
import XCTest
@testable import SpeckDetectors

final class MeanStdDetectorTests: XCTestCase {
    private func image(_ value: Float, spot: Bool = false) -> Image {
        var image = Image(width: 32, height: 32, channels: 3, fill: value)
        if spot { for c in 0 ..< 3 { for y in 10 ..< 22 { for x in 10 ..< 22 { image[c, y, x] = 1 } } } }
        return image
    }

    private func fitted() throws -> MeanStdDetector {
        let detector = try MeanStdDetector(configuration: DetectorConfiguration(
            detector: "meanstd", preprocessing: Preprocessing(resize: 32)))
        try detector.fit(TrainingImages([image(0.4), image(0.5), image(0.6)]), context: FitContext())
        return detector
    }

    func testScoresAreZScoresOfTheDeviation() throws {
        let detector = try fitted()
        // mean 0.5, population std 0.0816..: a uniform 0.5 image deviates nowhere.
        XCTAssertEqual(try detector.score(image(0.5)).score, 0, accuracy: 1e-4)
        let spotted = try detector.score(image(0.5, spot: true))
        XCTAssertGreaterThan(spotted.score, 1)
        let map = try XCTUnwrap(spotted.map).values
        let centre = map[16 * 32 + 16], corner = map[0]
        XCTAssertGreaterThan(centre, corner)
    }

    func testRoundTripThroughTheRegistryIsBitExact() throws {
        let detector = try fitted()
        let probe = image(0.55, spot: true)
        let before = try detector.score(probe)
        let model = try ModelFile.decode(try ModelFile(detector: detector, calibration: nil).encoded())
        let after = try DetectorRegistry.standard.restore(model).score(probe)
        XCTAssertEqual(try XCTUnwrap(before.map).values.map(\.bitPattern), after.map?.values.map(\.bitPattern))
    }

    func testUnfittedAndEmptyFitsAreClearErrors() throws {
        let detector = try MeanStdDetector(configuration: DetectorConfiguration(detector: "meanstd"))
        XCTAssertThrowsError(try detector.score(image(0.5))) { XCTAssertEqual($0 as? DetectorError, .notFitted) }
        XCTAssertThrowsError(try detector.fit(TrainingImages([]), context: FitContext())) {
            XCTAssertEqual($0 as? DetectorError, .noTrainingImages)
        }
    }
}
