import SpeckImaging
import XCTest
@testable import SpeckDetectors

final class PreprocessingTests: XCTestCase {
    func testResizeThenCentreCropToRGB() {
        let grey = Image(width: 300, height: 200, channels: 1, fill: 0.25)
        let out = Preprocessing(resize: 256, crop: 224).apply(to: grey)
        XCTAssertEqual([out.width, out.height, out.channels], [224, 224, 3])
        XCTAssertEqual(out.pixels.min()!, 0.25, accuracy: 1e-6)
        XCTAssertEqual(out.pixels.max()!, 0.25, accuracy: 1e-6)
    }

    func testMaskGoesThroughTheSameGridByNearestNeighbour() {
        // A mask whose right half is set: after resize 8 and crop 4 the crop's
        // right half (columns 2, 3) is set and nothing is blended.
        var mask = Image(width: 16, height: 16, channels: 1)
        for y in 0 ..< 16 { for x in 8 ..< 16 { mask[0, y, x] = 1 } }
        let cells = Preprocessing(resize: 8, crop: 4).applyToMask(mask)
        XCTAssertEqual(cells.count, 16)
        for y in 0 ..< 4 { XCTAssertEqual(Array(cells[(y * 4) ..< (y * 4 + 4)]), [false, false, true, true]) }
    }

    func testNonsenseSizesAreRefused() {
        XCTAssertThrowsError(try Preprocessing(resize: 256, crop: 300).validate())
        XCTAssertThrowsError(try Preprocessing(resize: 2).validate())
        XCTAssertNoThrow(try Preprocessing(resize: 256, crop: 224).validate())
    }
}
