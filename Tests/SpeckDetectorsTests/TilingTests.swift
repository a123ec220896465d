import Foundation
import SpeckImaging
import SpeckTensor
import XCTest
@testable import SpeckDetectors

/// `--tile N --tile-overlap M`: the layout covers every pixel with the
/// stated overlap, stitching is exact where tiles agree and has no seams,
/// and a tiled model works end to end and through a model file.
final class TilingTests: XCTestCase {
    func testLayoutCoversEveryPixelWithTheStatedOverlap() {
        for (width, height, tile, overlap) in [(500, 1250, 256, 32), (2048, 2048, 512, 64), (101, 37, 40, 7), (30, 300, 64, 0), (256, 256, 256, 16), (257, 129, 256, 0)] {
            let layout = TileLayout(width: width, height: height, tile: tile, overlap: overlap)
            var covered = [Int](repeating: 0, count: width * height)
            for rect in layout.rects {
                XCTAssertEqual([rect.width, rect.height], [min(tile, width), min(tile, height)])
                XCTAssertTrue(rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= width && rect.y + rect.height <= height)
                for y in rect.y..<(rect.y + rect.height) { for x in rect.x..<(rect.x + rect.width) { covered[y * width + x] += 1 } }
            }
            XCTAssertFalse(covered.contains(0), "\(width)x\(height) tile \(tile): a pixel is not covered")
            for starts in [layout.columns, layout.rows] {
                for (a, b) in zip(starts, starts.dropFirst()) {
                    let shared = a + min(tile, starts == layout.columns ? width : height) - b
                    XCTAssertGreaterThanOrEqual(shared, overlap, "\(width)x\(height) tile \(tile) overlap \(overlap)")
                    XCTAssertLessThan(shared, min(tile, starts == layout.columns ? width : height))
                }
            }
        }
        XCTAssertEqual(TileLayout(width: 500, height: 1250, tile: 256, overlap: 32).columns, [0, 224, 244])
        XCTAssertEqual(TileLayout(width: 256, height: 256, tile: 256, overlap: 16).count, 1)
    }

    /// Tiles cut from one smooth map, stitched back: the same map.
    func testStitchingIsExactWhereTilesAgree() {
        let width = 300, height = 170
        let known = (0..<(width * height)).map { i in sin(Float(i % width) / 17) + cos(Float(i / width) / 9) }
        let layout = TileLayout(width: width, height: height, tile: 64, overlap: 16)
        var stitcher = MapStitcher(width: width, height: height)
        for rect in layout.rects {
            let tile = (0..<(rect.width * rect.height)).map { known[(rect.y + $0 / rect.width) * width + rect.x + $0 % rect.width] }
            stitcher.add(tile, at: rect, ramp: 16)
        }
        let stitched = stitcher.finish()
        XCTAssertEqual(zip(stitched, known).map { abs($0 - $1) }.max()!, 0, accuracy: 1e-5)
    }

    /// Tiles that disagree (each a different constant): the stitched map
    /// changes by small steps across every overlap, never jumps at a tile edge.
    func testStitchingHasNoSeams() {
        let width = 200, height = 60
        let layout = TileLayout(width: width, height: height, tile: 60, overlap: 20)
        var stitcher = MapStitcher(width: width, height: height)
        for (index, rect) in layout.rects.enumerated() {
            stitcher.add([Float](repeating: Float(index % 2), count: rect.width * rect.height), at: rect, ramp: 20)
        }
        let row = Array(stitcher.finish().prefix(width))
        let largestStep = zip(row, row.dropFirst()).map { abs($0 - $1) }.max()!
        XCTAssertLessThanOrEqual(largestStep, 0.1, "a step of \(largestStep) between neighbouring pixels is a seam")
        XCTAssertEqual(row.first, 0)
        XCTAssertEqual(row[70], 1)       // inside the second tile only
    }

    /// A grey textured strip, optionally with a bright spot at (x, y).
    private func strip(seed: UInt64, width: Int, height: Int, spot: (x: Int, y: Int)? = nil) -> Image {
        var rng = SeededGenerator(seed: seed)
        var image = Image(width: width, height: height, channels: 3,
                          pixels: (0..<(width * height * 3)).map { _ in 0.4 + Float.random(in: -0.05...0.05, using: &rng) })
        if let spot {
            for c in 0..<3 { for y in spot.y..<(spot.y + 24) { for x in spot.x..<(spot.x + 24) { image[c, y, x] = c == 0 ? 1 : 0 } } }
        }
        return image
    }

    func testTiledFitAndScoreCoverTheWholeImageAndSurviveTheModelFile() throws {
        let preprocessing = Preprocessing(resize: 32, tiling: Tiling(tile: 128, overlap: 16))
        let detector = try DetectorRegistry.standard.makeDetector(kind: "meanstd", preprocessing: preprocessing)
        XCTAssertTrue(detector is WholeImageDetector)
        try detector.fit(TrainingImages((0..<4).map { strip(seed: UInt64($0), width: 300, height: 750) }), context: FitContext())

        let good = try detector.score(strip(seed: 10, width: 300, height: 750))
        let defect = try detector.score(strip(seed: 11, width: 300, height: 750, spot: (x: 200, y: 600)))
        XCTAssertGreaterThan(defect.score, good.score)
        let map = try XCTUnwrap(defect.map)
        XCTAssertEqual([map.width, map.height], [75, 188])       // the whole 300x750 image at 32/128 per pixel
        let hottest = map.values.indices.max { map.values[$0] < map.values[$1] }!
        XCTAssertEqual(Double(hottest % map.width), 53, accuracy: 5)     // (200 + 12) / 4
        XCTAssertEqual(Double(hottest / map.width), 153, accuracy: 5)    // (600 + 12) / 4

        let model = try ModelFile.decode(try ModelFile(detector: detector, calibration: nil).encoded())
        XCTAssertEqual(model.configuration.preprocessing.tiling, Tiling(tile: 128, overlap: 16))
        let restored = try DetectorRegistry.standard.restore(model)
        let again = try restored.score(strip(seed: 11, width: 300, height: 750, spot: (x: 200, y: 600)))
        XCTAssertEqual(defect.score.bitPattern, again.score.bitPattern)
        XCTAssertEqual(map.values.map(\.bitPattern), again.map?.values.map(\.bitPattern))
    }

    func testTiledTrainingImagesOfAnotherSizeAreNamed() throws {
        let detector = try DetectorRegistry.standard.makeDetector(kind: "meanstd",
                                                                  preprocessing: Preprocessing(resize: 32, tiling: Tiling(tile: 64)))
        // A detector that skips unusable images says so in a note; one that stops, in its error.
        let notes = NotesBox()
        do {
            try detector.fit(TrainingImages([strip(seed: 1, width: 128, height: 128), strip(seed: 2, width: 100, height: 128)]),
                             context: FitContext(onMessage: { notes.add($0) }))
        } catch { notes.add("\(error)") }
        XCTAssertTrue(notes.text.contains("training image 2 is 100x128, the first is 128x128"), notes.text)
    }

    func testPadMapIsTrimmedToTheImage() throws {
        let detector = try DetectorRegistry.standard.makeDetector(kind: "meanstd", preprocessing: Preprocessing(resize: 64, fit: .pad))
        try detector.fit(TrainingImages((0..<3).map { strip(seed: UInt64($0), width: 100, height: 250) }), context: FitContext())
        let probe = strip(seed: 9, width: 100, height: 250)
        let map = try XCTUnwrap(try detector.score(probe).map)
        XCTAssertEqual([map.width, map.height], [26, 64])
        let model = try ModelFile.decode(try ModelFile(detector: detector, calibration: nil).encoded())
        XCTAssertEqual(model.configuration.preprocessing.fit, .pad)
        XCTAssertEqual(try DetectorRegistry.standard.restore(model).score(probe).map?.values.map(\.bitPattern), map.values.map(\.bitPattern))
    }
}

private final class NotesBox: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
}
