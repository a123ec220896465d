import Foundation
import SpeckImaging
import SpeckTestSupport
import XCTest
@testable import SpeckDetectors

/// Real feature detectors on long strips made from bottle images (500x1250,
/// the licensed images stay in ../shared): tiled PatchCore maps the whole
/// strip and finds the broken panel; `--fit shorter` keeps the strip's
/// aspect through PatchCore, and PaDiM refuses a strip of another shape.
final class LargeImageDetectorTests: XCTestCase {
    private func bottle(_ relative: String) throws -> Image {
        try ImageIO.decode(contentsOf: TestData.shared("datasets/mvtec-bottle/" + relative)).asRGB()
    }

    /// Panels of `width` x `width` stacked into a `width` x `height` strip (the last one cut).
    private func strip(_ panels: [String], width: Int = 500, height: Int = 1250) throws -> Image {
        var out = Image(width: width, height: height, channels: 3)
        for (index, relative) in panels.enumerated() {
            let panel = try bottle(relative).resized(width: width, height: width)
            for c in 0..<3 {
                for y in 0..<width where index * width + y < height {
                    for x in 0..<width { out[c, index * width + y, x] = panel[c, y, x] }
                }
            }
        }
        return out
    }

    private func train() throws -> TrainingImages {
        TrainingImages(try [["000", "001", "002"], ["003", "004", "005"], ["006", "007", "008"]].map { names in
            try strip(names.map { "train/good/\($0).png" })
        })
    }

    func testTiledPatchCoreMapsTheWholeStripAndFindsTheDefect() throws {
        let detector = try DetectorRegistry.standard.makeDetector(
            kind: "patchcore", parameters: ["coreset": "0.1"],
            preprocessing: Preprocessing(resize: 64, tiling: Tiling(tile: 250, overlap: 25)))
        try detector.fit(try train(), context: FitContext())
        let good = try detector.score(try strip(["test/good/000.png", "test/good/001.png", "test/good/002.png"]))
        let broken = try detector.score(try strip(["test/good/000.png", "test/broken_large/000.png", "test/good/002.png"]))
        XCTAssertGreaterThan(broken.score, good.score)
        let map = try XCTUnwrap(broken.map)
        XCTAssertEqual([map.width, map.height], [128, 320])            // 500x1250 at 64/250
        let hottest = map.values.indices.max { map.values[$0] < map.values[$1] }!
        XCTAssertTrue((128..<256).contains(hottest / map.width), "hottest row \(hottest / map.width) is not in the broken panel")
    }

    func testShorterSideKeepsTheStripsAspectThroughPatchCore() throws {
        let detector = try DetectorRegistry.standard.makeDetector(
            kind: "patchcore", parameters: ["coreset": "0.1"], preprocessing: Preprocessing(resize: 64, fit: .shorter))
        try detector.fit(try train(), context: FitContext())
        let good = try detector.score(try strip(["test/good/000.png", "test/good/001.png", "test/good/002.png"]))
        let broken = try detector.score(try strip(["test/good/000.png", "test/broken_large/000.png", "test/good/002.png"]))
        XCTAssertGreaterThan(broken.score, good.score)
        XCTAssertEqual([broken.map?.width, broken.map?.height], [64, 160])
    }

    func testPaDiMRefusesAnotherShapeThanItWasFittedOn() throws {
        let detector = try DetectorRegistry.standard.makeDetector(kind: "padim", preprocessing: Preprocessing(resize: 64, fit: .shorter))
        try detector.fit(try train(), context: FitContext())
        XCTAssertEqual(try detector.score(try strip(["test/good/000.png", "test/good/001.png"])).map?.height, 160)
        XCTAssertThrowsError(try detector.score(try strip(["test/good/000.png"], width: 500, height: 500))) { error in
            XCTAssertTrue("\(error)".contains("fitted on"), "\(error)")
        }
    }
}
