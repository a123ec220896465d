@testable import SpeckTUI
import XCTest

/// Pictures keep their aspect in cells of any shape, and stay within what terminals accept.
final class PictureFittingTests: XCTestCase {
    func testDevicePictureKeepsTheImageAspectInCellsOfAnyShape() {
        // A square image in 64x32 cells of 9x20 pixels (kitty under Xvfb): 576x640 device pixels.
        XCTAssertEqual(PixelGrid.fittedSize(width: 256, height: 256, into: 576, 640).width, 576)
        XCTAssertEqual(PixelGrid.fittedSize(width: 256, height: 256, into: 576, 640).height, 576)
        // A 500x1250 strip in a wide box: the height decides.
        let strip = PixelGrid.fittedSize(width: 500, height: 1250, into: 1000, 600)
        XCTAssertEqual([strip.width, strip.height], [240, 600])
    }

    func testCentredPictureFillsTheCellsAndKeepsItsPixels() {
        var picture = PixelGrid(width: 2, height: 2, fill: RGB(200, 0, 0))
        picture.pixels[3] = RGB(0, 200, 0)
        let canvas = picture.centred(inWidth: 4, height: 6, fill: RGB(1, 2, 3))
        XCTAssertEqual([canvas.width, canvas.height], [4, 6])
        XCTAssertEqual(canvas.pixels[2 * 4 + 1], RGB(200, 0, 0), "top-left of the picture at (1, 2)")
        XCTAssertEqual(canvas.pixels[3 * 4 + 2], RGB(0, 200, 0), "bottom-right at (2, 3)")
        XCTAssertEqual(canvas.pixels[0], RGB(1, 2, 3))
        XCTAssertEqual(canvas.pixels.filter { $0 == RGB(1, 2, 3) }.count, 24 - 4)
    }

    func testSixelPicturesStayWithinXtermsLargestGraphic() {
        let wide = PixelGrid(width: 1062, height: 648)
        let fitted = wide.fitting(maxSide: SixelEncoder.largestSide)
        XCTAssertEqual(fitted.width, 1000)
        XCTAssertEqual(fitted.height, 610)
        XCTAssertEqual(PixelGrid(width: 300, height: 200).fitting(maxSide: 1000).width, 300, "small pictures are unchanged")
    }
}
