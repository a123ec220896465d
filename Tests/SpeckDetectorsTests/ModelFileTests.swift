import Foundation
import SpeckImaging
import XCTest
@testable import SpeckDetectors

final class ModelFileTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("speck-modelfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func sampleModel() -> ModelFile {
        var generator = SystemRandomNumberGenerator()
        let values = (0 ..< 1000).map { _ in Float.random(in: -1e6 ... 1e6, using: &generator) }
            + [Float.leastNonzeroMagnitude, -0.0, -.greatestFiniteMagnitude, .greatestFiniteMagnitude]
        let configuration = DetectorConfiguration(detector: "lbp", backbone: nil, weightsSHA256: nil,
                                                  parameters: ["k": "3", "mode": "auto"],
                                                  preprocessing: Preprocessing(resize: 256, crop: 224))
        let state = DetectorState(arrays: ["bank": .init(shape: [4, 251], values: values),
                                           "empty": .init(shape: [0], values: [])],
                                  scalars: ["third": 1.0 / 3.0, "tiny": 1e-300, "pi": Double.pi, "negZero": -0.0])
        let calibration = ScoreCalibration(threshold: 0.123456789, thresholdMethod: "F1-optimal on 4 images",
                                           pixelThreshold: 0.3, imageMin: -1, imageMax: 7.25, pixelMin: 0, pixelMax: 9)
        return ModelFile(configuration: configuration, state: state, calibration: calibration, writtenBy: "test")
    }

    func testRoundTripIsBitExact() throws {
        let model = sampleModel()
        let url = folder.appendingPathComponent("model.speck")
        try model.write(to: url)
        let loaded = try ModelFile.read(from: url)
        XCTAssertEqual(loaded.configuration, model.configuration)
        XCTAssertEqual(loaded.calibration, model.calibration)
        XCTAssertEqual(loaded.state.arrays.keys.sorted(), model.state.arrays.keys.sorted())
        for (name, array) in model.state.arrays {
            XCTAssertEqual(loaded.state.arrays[name]!.shape, array.shape)
            XCTAssertEqual(loaded.state.arrays[name]!.values.map(\.bitPattern), array.values.map(\.bitPattern), name)
        }
        for (name, value) in model.state.scalars {
            XCTAssertEqual(loaded.state.scalars[name]?.bitPattern, value.bitPattern, name)
        }
        // Nothing but the model itself is left behind by the atomic write.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["model.speck"])
    }

    func testHeaderIsReadableJSON() throws {
        let data = try sampleModel().encoded()
        let text = String(decoding: data.prefix(2000), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("SPECKMDL"))
        XCTAssertTrue(text.contains("\"threshold\""), text)
        XCTAssertTrue(text.contains("\"thresholdMethod\" : \"F1-optimal on 4 images\""), text)
    }

    private func assertRefused(_ bytes: Data, mentioning words: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let url = folder.appendingPathComponent("broken.speck")
        try bytes.write(to: url)
        XCTAssertThrowsError(try ModelFile.read(from: url), file: file, line: line) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(url.path), "error does not name the file: \(text)", file: file, line: line)
            for word in words {
                XCTAssertTrue(text.contains(word), "error '\(text)' does not say '\(word)'", file: file, line: line)
            }
        }
    }

    func testTruncatedFileIsRefused() throws {
        let data = try sampleModel().encoded()
        try assertRefused(data.prefix(data.count - 100), mentioning: ["truncated"])
        try assertRefused(data.prefix(10), mentioning: ["truncated"])
    }

    func testDamagedPayloadIsRefused() throws {
        var data = try sampleModel().encoded()
        data[data.count - 200] ^= 0x10
        try assertRefused(data, mentioning: ["damaged", "checksum"])
    }

    func testOtherFormatVersionIsRefused() throws {
        var data = try sampleModel().encoded()
        data[8] = 7
        try assertRefused(data, mentioning: ["version 7"])
    }

    /// A diverged fit writes NaN into its arrays with a valid checksum: reading refuses it, naming the array.
    func testNonFiniteArrayIsRefusedNamingIt() throws {
        for bad in [Float.nan, .infinity, -.infinity] {
            var model = sampleModel()
            model.state.arrays["weights"] = .init(shape: [2, 2], values: [0, 1, bad, 3])
            try assertRefused(try model.encoded(), mentioning: ["\(bad) at element 2 of array 'weights'", "fit the model again"])
        }
    }

    func testOtherFilesAreRefused() throws {
        try assertRefused(Data("\u{89}PNG\r\n\u{1a}\n....".utf8), mentioning: ["not a Speck model file"])
        try assertRefused(Data(), mentioning: ["not a Speck model file"])
    }

    func testMissingFileNamesThePath() {
        let url = folder.appendingPathComponent("absent.speck")
        XCTAssertThrowsError(try ModelFile.read(from: url)) { XCTAssertTrue("\($0)".contains(url.path)) }
    }
}
