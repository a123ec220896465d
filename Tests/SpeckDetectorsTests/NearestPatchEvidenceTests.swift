import Foundation
import XCTest
import SpeckImaging
import SpeckTestSupport
@testable import SpeckDetectors

/// Evidence for a flag: a patch traces back to the stored normal patch it is
/// nearest to, exactly, through the model file, and says so when it cannot.
final class NearestPatchEvidenceTests: XCTestCase {
    /// The repository's own sample images (generated, not licensed).
    static let trainingFolder = TestData.repository.appendingPathComponent("sample-images/train/good").path

    static func trainingPaths(_ count: Int, folder: String = trainingFolder) -> [String] {
        (0..<count).map { String(format: "%@/%03d.png", folder, $0) }
    }

    static func images(_ paths: [String]) -> TrainingImages {
        TrainingImages(count: paths.count, paths: paths) { try ImageIO.decode(contentsOf: paths[$0]) }
    }

    func fitted(_ kind: String, parameters: [String: String], paths: [String],
                preprocessing: Preprocessing = Preprocessing(resize: 96, crop: 80)) throws -> any Detector {
        let detector = try DetectorRegistry.standard.makeDetector(kind: kind, parameters: parameters, preprocessing: preprocessing)
        try detector.fit(Self.images(paths), context: FitContext())
        return detector
    }

    /// A training image's hottest spot is the very patch stored from it: same image, same cell, distance 0.
    /// Tiles overlap, so the same pixels may be stored from two tiles: there the position must agree, not the cell.
    func assertTracesTrainingImageToItself(_ detector: any Detector, paths: [String], index: Int, sameCell: Bool = true,
                                           file: StaticString = #filePath, line: UInt = #line) throws {
        let finder = try EvidenceFinder(detector: detector)
        let image = try ImageIO.decode(contentsOf: paths[index])
        let prepared = try finder.prepare(image)
        for spot in [nil, (x: 5, y: 200), (x: 130, y: 77)] as [(x: Int, y: Int)?] {
            let evidence = try finder.evidence(prepared, at: spot)
            XCTAssertEqual(evidence.trainingFile?.path, paths[index], "spot \(String(describing: spot))", file: file, line: line)
            XCTAssertEqual(evidence.trainingFile?.index, index, file: file, line: line)
            XCTAssertEqual(evidence.distance, 0, "the same patch is at distance exactly 0", file: file, line: line)
            let box = finder.trainingBox(evidence, imageWidth: image.width, imageHeight: image.height)
            if sameCell {
                XCTAssertEqual(evidence.match.source.x, evidence.cellX, file: file, line: line)
                XCTAssertEqual(evidence.match.source.y, evidence.cellY, file: file, line: line)
                XCTAssertEqual(box, evidence.testBox, "the stored patch lies where the test patch does", file: file, line: line)
            } else {
                XCTAssertEqual(Double(box.x) + Double(box.width) / 2, Double(evidence.testBox.x) + Double(evidence.testBox.width) / 2,
                               accuracy: 1.5, "\(box) vs \(evidence.testBox)", file: file, line: line)
                XCTAssertEqual(Double(box.y) + Double(box.height) / 2, Double(evidence.testBox.y) + Double(evidence.testBox.height) / 2,
                               accuracy: 1.5, "\(box) vs \(evidence.testBox)", file: file, line: line)
            }
        }
    }

    func testPatchCoreWithAWholeBankTracesATrainingImageToItselfAtDistanceZero() throws {
        let paths = Self.trainingPaths(4)
        let detector = try fitted("patchcore", parameters: ["coreset": "1.0"], paths: paths)
        try assertTracesTrainingImageToItself(detector, paths: paths, index: 2)
    }

    func testSPADETracesATrainingImageToItselfAtDistanceZero() throws {
        let paths = Self.trainingPaths(4)
        let detector = try fitted("spade", parameters: ["images": "2"], paths: paths)
        try assertTracesTrainingImageToItself(detector, paths: paths, index: 1)
    }

    /// With tiles, the sample index leads to the image and its tile, and the box back to the image's pixels.
    func testTiledPatchCoreTracesTheTileBackToItsImage() throws {
        let paths = Self.trainingPaths(2)
        let detector = try fitted("patchcore", parameters: ["coreset": "1.0"], paths: paths,
                                  preprocessing: Preprocessing(resize: 64, tiling: Tiling(tile: 128, overlap: 16)))
        try assertTracesTrainingImageToItself(detector, paths: paths, index: 1, sameCell: false)
    }

    /// A test image that is not a training image: a positive distance, and the
    /// same distance as the map's own patch score at that cell (before smoothing).
    func testEvidenceOnANewImageNamesATrainingImageAndAPositiveDistance() throws {
        let paths = Self.trainingPaths(3)
        let detector = try fitted("patchcore", parameters: ["coreset": "1.0"], paths: paths)
        let finder = try EvidenceFinder(detector: detector)
        let test = try ImageIO.decode(contentsOf: TestData.repository.appendingPathComponent("sample-images/test/dent/000.png").path)
        let evidence = try finder.evidence(try finder.prepare(test))
        XCTAssertTrue(paths.contains(try XCTUnwrap(evidence.trainingFile?.path)))
        XCTAssertGreaterThan(evidence.distance, 0)
        XCTAssertGreaterThan(evidence.mapValue, 0)
    }

    func testModelFileRoundTripKeepsTheTraceAndTheScores() throws {
        let paths = Self.trainingPaths(3)
        for (kind, parameters) in [("patchcore", ["coreset": "0.5"]), ("spade", ["images": "2"])] {
            let detector = try fitted(kind, parameters: parameters, paths: paths)
            let model = try ModelFile(detector: detector, calibration: nil)
            let read = try ModelFile.decode(try model.encoded())
            XCTAssertEqual(read, model, kind)
            XCTAssertEqual(read.state.texts["training_images"], paths, kind)
            let restored = try DetectorRegistry.standard.restore(read)
            let test = try ImageIO.decode(contentsOf: paths[1])
            let before = try detector.score(test), after = try restored.score(test)
            XCTAssertEqual(before.score.bitPattern, after.score.bitPattern, kind)
            XCTAssertEqual(before.map?.values.map(\.bitPattern), after.map?.values.map(\.bitPattern), kind)
            let original = try EvidenceFinder(detector: detector), reloaded = try EvidenceFinder(detector: restored)
            let a = try original.evidence(try original.prepare(test), at: (40, 60))
            let b = try reloaded.evidence(try reloaded.prepare(test), at: (40, 60))
            XCTAssertEqual(a.match, b.match, kind)
            XCTAssertEqual(a.trainingFile, b.trainingFile, kind)
        }
    }

    /// A model file written before traces were stored still loads and scores; evidence says it is unavailable.
    func testModelFileWithoutTraceLoadsAndSaysEvidenceIsUnavailable() throws {
        let paths = Self.trainingPaths(2)
        for (kind, parameters, array) in [("patchcore", ["coreset": "0.5"], "memory_bank_sources"),
                                          ("spade", ["images": "1"], "pyramid_samples")] {
            let detector = try fitted(kind, parameters: parameters, paths: paths)
            var model = try ModelFile(detector: detector, calibration: nil)
            XCTAssertNotNil(model.state.arrays[array], kind)
            model.state.arrays[array] = nil
            model.state.texts = [:]
            model.state.scalars["training_samples_per_image"] = nil
            let restored = try DetectorRegistry.standard.restore(try ModelFile.decode(try model.encoded()))
            let test = try ImageIO.decode(contentsOf: paths[0])
            XCTAssertEqual(try restored.score(test).score.bitPattern, try detector.score(test).score.bitPattern, kind)
            XCTAssertThrowsError(try EvidenceFinder(detector: restored)) { error in
                XCTAssertTrue("\(error)".contains("fit it again to see evidence"), "\(kind): \(error)")
            }
        }
    }

    func testDetectorWithoutStoredPatchesIsRefusedByName() throws {
        let detector = try DetectorRegistry.standard.makeDetector(kind: "lbp")
        XCTAssertThrowsError(try EvidenceFinder(detector: detector)) { error in
            XCTAssertEqual(error as? EvidenceError, .unsupported("lbp"))
        }
    }

    func testMissingTrainingImageIsSaidClearly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("speck-evidence-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for source in Self.trainingPaths(2) {
            try FileManager.default.copyItem(atPath: source, toPath: folder + "/" + (source as NSString).lastPathComponent)
        }
        let paths = Self.trainingPaths(2, folder: folder)
        let detector = try fitted("patchcore", parameters: ["coreset": "1.0"], paths: paths)
        let finder = try EvidenceFinder(detector: detector)
        let test = try ImageIO.decode(contentsOf: paths[1])
        let evidence = try finder.evidence(try finder.prepare(test))
        XCTAssertNotNil(EvidenceCrops.make(evidence, test: test, finder: finder).training, "the image is there: its crop is shown")
        try FileManager.default.removeItem(atPath: paths[1])
        let crops = EvidenceCrops.make(evidence, test: test, finder: finder)
        XCTAssertNil(crops.training)
        XCTAssertEqual(crops.problem, "training image \(paths[1]) is no longer there (moved or deleted since the fit)")
    }

    /// The frame undoes each preprocessing: a bright dot placed in the original
    /// image is found, after `Preprocessing.apply`, where the frame says.
    func testInputFrameUndoesResizeCropAndPadding() {
        let settings = [Preprocessing(resize: 64, crop: 48), Preprocessing(resize: 64, fit: .shorter),
                        Preprocessing(resize: 64, crop: 56, fit: .shorter), Preprocessing(resize: 64, fit: .pad)]
        for preprocessing in settings {
            var image = Image(width: 160, height: 100, channels: 1, fill: 0)
            let (dotX, dotY) = (90, 55)
            for y in (dotY - 3)...(dotY + 3) { for x in (dotX - 3)...(dotX + 3) { image.pixels[y * 160 + x] = 1 } }
            let input = preprocessing.apply(to: image)
            let frame = InputFrame(preprocessing, imageWidth: 160, imageHeight: 100)
            XCTAssertEqual(frame.inputWidth, input.width, "\(preprocessing)")
            XCTAssertEqual(frame.inputHeight, input.height, "\(preprocessing)")
            var best = 0
            for i in 0..<input.planeSize where input.pixels[i] > input.pixels[best] { best = i }
            let found = frame.original(x: Double(best % input.width) + 0.5, y: Double(best / input.width) + 0.5)
            XCTAssertEqual(found.x, Double(dotX) + 0.5, accuracy: 3, "\(preprocessing)")
            XCTAssertEqual(found.y, Double(dotY) + 0.5, accuracy: 3, "\(preprocessing)")
        }
    }
}
