import Foundation
import SpeckImaging
import XCTest
@testable import SpeckDetectors

/// `--fit shorter|pad`: the geometry of what the detector sees, masks on the
/// same grid, the model-file field and the refusal of flag combinations.
final class PreprocessingFitTests: XCTestCase {
    /// Left half 0.2, right half 0.8, so where the image went is visible.
    private func halves(width: Int, height: Int) -> Image {
        var image = Image(width: width, height: height, channels: 3, fill: 0.2)
        for c in 0..<3 { for y in 0..<height { for x in (width / 2)..<width { image[c, y, x] = 0.8 } } }
        return image
    }

    func testStretchIsTodaysSquareResize() {
        let image = halves(width: 500, height: 1250)
        let today = image.resized(width: 256, height: 256)
        XCTAssertEqual(Preprocessing(resize: 256).apply(to: image), today)
        XCTAssertEqual(Preprocessing(resize: 256, crop: 224).apply(to: image), today.centreCropped(width: 224, height: 224))
    }

    func testShorterKeepsTheAspect() {
        let out = Preprocessing(resize: 256, fit: .shorter).apply(to: halves(width: 500, height: 1250))
        XCTAssertEqual([out.width, out.height], [256, 640])
        XCTAssertEqual(Preprocessing(resize: 256, fit: .shorter).outputSize(width: 500, height: 1250).height, 640)
        // Odd sizes follow torchvision's rule: long side truncated.
        let odd = Preprocessing(resize: 33, fit: .shorter).apply(to: halves(width: 101, height: 37))
        XCTAssertEqual([odd.width, odd.height], [90, 33])
        XCTAssertEqual(Preprocessing(resize: 33, fit: .shorter).outputSize(width: 101, height: 37).width, 90)
        // With a crop the centre square is kept.
        let cropped = Preprocessing(resize: 256, crop: 224, fit: .shorter).apply(to: halves(width: 500, height: 1250))
        XCTAssertEqual([cropped.width, cropped.height], [224, 224])
    }

    func testPadFitsTheLongerSideAndCentresWithBlackBars() {
        let preprocessing = Preprocessing(resize: 64, fit: .pad)
        let out = preprocessing.apply(to: halves(width: 500, height: 1250))
        XCTAssertEqual([out.width, out.height], [64, 64])
        let content = preprocessing.padContent(width: 500, height: 1250)
        XCTAssertEqual([content.x, content.y, content.width, content.height], [19, 0, 26, 64])   // 64 * 500 / 1250 = 25.6
        XCTAssertEqual(out[0, 30, 0], 0)                         // left bar
        XCTAssertEqual(out[0, 30, 63], 0)                        // right bar
        XCTAssertEqual(out[0, 30, content.x + 2], 0.2, accuracy: 1e-5)
        XCTAssertEqual(out[0, 30, content.x + content.width - 2], 0.8, accuracy: 1e-5)
        // Odd size, wide image: bars above and below.
        let wide = Preprocessing(resize: 31, fit: .pad).padContent(width: 101, height: 37)
        XCTAssertEqual([wide.x, wide.y, wide.width, wide.height], [0, 10, 31, 11])
    }

    func testMasksFollowTheImageByNearestNeighbour() {
        var mask = Image(width: 500, height: 1250, channels: 1)
        for y in 0..<1250 { for x in 250..<500 { mask[0, y, x] = 1 } }
        let shorter = Preprocessing(resize: 64, fit: .shorter).applyToMask(mask)
        XCTAssertEqual(shorter.count, 64 * 160)
        XCTAssertEqual(shorter.filter { $0 }.count, 32 * 160)
        let pad = Preprocessing(resize: 64, fit: .pad).applyToMask(mask)
        XCTAssertEqual(pad.count, 64 * 64)
        XCTAssertEqual(pad.filter { $0 }.count, 13 * 64)          // right half of the 26-wide content
        // The pad map is trimmed to the content, so the mask goes straight to the map grid.
        let onMap = Preprocessing(resize: 64, fit: .pad).maskOnMap(mask, width: 26, height: 64)
        XCTAssertEqual(onMap.filter { $0 }.count, 13 * 64)
    }

    func testOldModelHeadersLoadAsStretchAndDefaultsAreNotWritten() throws {
        let old = try JSONDecoder().decode(Preprocessing.self, from: Data(#"{"resize":256,"crop":224}"#.utf8))
        XCTAssertEqual(old, Preprocessing(resize: 256, crop: 224, fit: .stretch, tiling: nil))
        let written = String(decoding: try JSONEncoder().encode(Preprocessing(resize: 256, crop: 224)), as: UTF8.self)
        XCTAssertFalse(written.contains("fit") || written.contains("tiling"), written)
        let new = Preprocessing(resize: 320, fit: .shorter, tiling: Tiling(tile: 300, overlap: 40))
        XCTAssertEqual(try JSONDecoder().decode(Preprocessing.self, from: try JSONEncoder().encode(new)), new)
    }

    func testBadCombinationsAreRefusedNamingTheFlag() {
        func refusal(_ preprocessing: Preprocessing) -> String {
            do { try preprocessing.validate(); return "accepted" } catch { return "\(error)" }
        }
        XCTAssertTrue(refusal(Preprocessing(resize: 256, crop: 224, fit: .pad)).contains("--crop"))
        XCTAssertTrue(refusal(Preprocessing(resize: 256, tiling: Tiling(tile: 8))).contains("--tile 8"))
        XCTAssertTrue(refusal(Preprocessing(resize: 256, tiling: Tiling(tile: 256, overlap: 200))).contains("--tile-overlap 200"))
        XCTAssertTrue(refusal(Preprocessing(resize: 256, crop: 224, tiling: Tiling(tile: 256))).contains("--crop"))
        XCTAssertTrue(refusal(Preprocessing(resize: 256, fit: .shorter, tiling: Tiling(tile: 256))).contains("--fit shorter"))
        XCTAssertEqual(refusal(Preprocessing(resize: 256, tiling: Tiling(tile: 256, overlap: 32))), "accepted")
        XCTAssertEqual(refusal(Preprocessing(resize: 320, fit: .shorter)), "accepted")
    }

    func testDetectorsThatNeedASquareSaySo() throws {
        XCTAssertThrowsError(try DetectorRegistry.standard.makeDetector(kind: "meanstd", preprocessing: Preprocessing(resize: 32, fit: .shorter))) {
            XCTAssertTrue("\($0)".contains("--fit shorter without --crop"), "\($0)")
        }
        XCTAssertNoThrow(try DetectorRegistry.standard.makeDetector(kind: "meanstd", preprocessing: Preprocessing(resize: 32, crop: 32, fit: .shorter)))
        XCTAssertNoThrow(try DetectorRegistry.standard.makeDetector(kind: "lbp", preprocessing: Preprocessing(resize: 64, fit: .pad)))
    }
}
