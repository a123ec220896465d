import SpeckTUI
import XCTest

/// With terminal graphics the zoom levels count the terminal's pixels: 1:1 is one image pixel per screen pixel.
final class GraphicsZoomTests: XCTestCase {
    let inner = Rect(x: 1, y: 1, width: 40, height: 20)

    func testOneToOneCoversAsManyCellsAsTheImageHasScreenPixels() throws {
        // 8x16-pixel cells: 8 units across a cell, 8 down each half cell.
        let picture = ZoomedPicture(imageWidth: 256, imageHeight: 128, inner: inner, level: .actual, centreX: 0.5, centreY: 0.5,
                                    unitsPerCell: (8, 8))
        XCTAssertEqual([picture.windowWidth, picture.windowHeight], [256, 128], "the whole image fits at 1:1")
        XCTAssertEqual([picture.pixelWidth, picture.pixelHeight], [32, 16], "256 px / 8 per cell; 128 px / 8 per half cell")
        let point = try XCTUnwrap(picture.imagePoint(column: picture.left + 16, row: picture.top + 4))
        XCTAssertEqual(point.x, 132, accuracy: 0.01)
        XCTAssertEqual(point.y, 72, accuracy: 0.01)
        let halfBlocks = ZoomedPicture(imageWidth: 256, imageHeight: 128, inner: inner, level: .actual, centreX: 0.5, centreY: 0.5)
        XCTAssertEqual([halfBlocks.windowWidth, halfBlocks.windowHeight], [40, 40], "half-blocks show a 40x40 window at 1:1")
    }

    func testTwiceShowsHalfTheWindow() {
        let picture = ZoomedPicture(imageWidth: 1000, imageHeight: 1000, inner: inner, level: .double, centreX: 0.5, centreY: 0.5,
                                    unitsPerCell: (8, 8))
        XCTAssertEqual([picture.windowWidth, picture.windowHeight], [160, 160], "a 40x20-cell pane is 320x320 screen pixels: half of that at 2x")
        XCTAssertEqual([picture.pixelWidth, picture.pixelHeight], [40, 40])
    }
}
