import XCTest
@testable import SpeckImaging

/// Quarter turns against a small image worked out by hand.
final class RotateTests: XCTestCase {
    /// 0 1 2
    /// 3 4 5   (3 wide, 2 high; the second channel is the first + 10)
    private let image = Image(width: 3, height: 2, channels: 2, pixels: [0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15])

    func testAnticlockwiseQuarterTurn() {
        let turned = image.rotated(quarterTurns: 1)
        XCTAssertEqual([turned.width, turned.height], [2, 3])
        // The right-hand column becomes the top row.
        XCTAssertEqual(turned.pixels, [2, 5, 1, 4, 0, 3, 12, 15, 11, 14, 10, 13])
    }

    func testHalfTurnAndClockwiseTurn() {
        XCTAssertEqual(image.rotated(quarterTurns: 2).pixels, [5, 4, 3, 2, 1, 0, 15, 14, 13, 12, 11, 10])
        let clockwise = image.rotated(quarterTurns: -1)
        XCTAssertEqual([clockwise.width, clockwise.height], [2, 3])
        // The left-hand column, read upwards, becomes the top row.
        XCTAssertEqual(clockwise.pixels, [3, 0, 4, 1, 5, 2, 13, 10, 14, 11, 15, 12])
        XCTAssertEqual(clockwise, image.rotated(quarterTurns: 3))
    }

    func testFourTurnsAreTheIdentity() {
        XCTAssertEqual(image.rotated(quarterTurns: 0), image)
        XCTAssertEqual(image.rotated(quarterTurns: 4), image)
        var turned = image
        for _ in 0..<4 { turned = turned.rotated(quarterTurns: 1) }
        XCTAssertEqual(turned, image)
    }
}
