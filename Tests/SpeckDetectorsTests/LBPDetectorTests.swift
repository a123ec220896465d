import SpeckTensor
import Foundation
import SpeckImaging
import XCTest
@testable import SpeckDetectors

final class LBPDetectorTests: XCTestCase {
    private let side = 64

    /// A bright disc in the middle of a dark frame, with seeded noise: an aligned object.
    private func disc(seed: UInt64, scratch: Bool = false) -> Image {
        var generator = SeededGenerator(seed: seed)
        var image = Image(width: side, height: side, channels: 3)
        for y in 0 ..< side {
            for x in 0 ..< side {
                let r = ((Float(x) - 32) * (Float(x) - 32) + (Float(y) - 32) * (Float(y) - 32)).squareRoot()
                var v: Float = r < 20 ? 0.7 : 0.2
                v += Float.random(in: -0.03 ... 0.03, using: &generator)
                if scratch && y == 30 && x >= 24 && x < 40 { v = 0 } // a dark line across the disc
                for c in 0 ..< 3 { image[c, y, x] = v }
            }
        }
        return image
    }

    /// Independent noise everywhere: a texture with nothing tied to position.
    private func noise(seed: UInt64) -> Image {
        var generator = SeededGenerator(seed: seed)
        return Image(width: side, height: side, channels: 3,
                     pixels: (0 ..< side * side * 3).map { _ in Float.random(in: 0 ... 1, using: &generator) })
    }

    private func detector(_ parameters: [String: String] = [:]) throws -> LBPDetector {
        try LBPDetector(configuration: DetectorConfiguration(detector: "lbp", parameters: parameters,
                                                             preprocessing: Preprocessing(resize: side)))
    }

    func testFindsAScratchOnAnAlignedObject() throws {
        let lbp = try detector()
        try lbp.fit(TrainingImages((0 ..< 12).map { disc(seed: $0) }), context: FitContext())
        XCTAssertEqual(try lbp.fittedMode().mode, .aligned)
        let normalScores = try (100 ..< 104).map { try lbp.score(disc(seed: $0)).score }
        let defect = try lbp.score(disc(seed: 200, scratch: true))
        XCTAssertGreaterThan(defect.score, normalScores.max()!)
        // The hottest pixel is on or near the scratch (row 30, columns 24..39).
        let values = try XCTUnwrap(defect.map).values
        let peak = values.indices.max { values[$0] < values[$1] }!
        XCTAssertEqual(Double(peak / side), 30, accuracy: 8)
        XCTAssertEqual(Double(peak % side), 32, accuracy: 12)
        XCTAssertEqual(defect.map?.width, side)
    }

    func testChoosesTextureModeForPositionFreeImages() throws {
        let lbp = try detector()
        try lbp.fit(TrainingImages((0 ..< 8).map { noise(seed: $0) }), context: FitContext())
        let (mode, share) = try lbp.fittedMode()
        XCTAssertEqual(mode, .texture, "position share \(share)")
        XCTAssertLessThan(share, LBPLayoutMode.alignedShare)
    }

    func testModeCanBeForced() throws {
        let lbp = try detector(["mode": "texture"])
        try lbp.fit(TrainingImages((0 ..< 4).map { disc(seed: $0) }), context: FitContext())
        XCTAssertEqual(try lbp.fittedMode().mode, .texture)
        XCTAssertThrowsError(try detector(["mode": "sideways"]))
        XCTAssertThrowsError(try detector(["radius": "3"])) // unknown parameter
    }

    func testModelFileRoundTripScoresBitForBit() throws {
        for mode in ["aligned", "texture"] {
            let lbp = try detector(["mode": mode, "bank": "64"])
            try lbp.fit(TrainingImages((0 ..< 5).map { disc(seed: $0) }), context: FitContext())
            let probe = disc(seed: 77, scratch: true)
            let before = try lbp.score(probe)
            let data = try ModelFile(detector: lbp, calibration: nil).encoded()
            let restored = try DetectorRegistry.standard.restore(try ModelFile.decode(data))
            let after = try restored.score(probe)
            XCTAssertEqual(before.score.bitPattern, after.score.bitPattern, mode)
            XCTAssertEqual(try XCTUnwrap(before.map).values.map(\.bitPattern), after.map?.values.map(\.bitPattern), mode)
        }
    }

    func testZeroImagesIsAClearErrorAndOneImageWorks() throws {
        XCTAssertThrowsError(try detector().fit(TrainingImages([]), context: FitContext())) { error in
            XCTAssertEqual(error as? DetectorError, .noTrainingImages)
        }
        let lbp = try detector()
        try lbp.fit(TrainingImages([disc(seed: 1)]), context: FitContext())
        XCTAssertTrue(try lbp.score(disc(seed: 2)).score.isFinite)
    }

    func testGreyAndOddSizedImagesAreAccepted() throws {
        let lbp = try detector()
        try lbp.fit(TrainingImages((0 ..< 3).map { disc(seed: $0) }), context: FitContext())
        let grey = Image(width: 50, height: 70, channels: 1, fill: 0.4)
        let result = try lbp.score(grey)
        XCTAssertEqual(result.map?.width, side)
        XCTAssertEqual(result.map?.height, side)
    }
}
