import XCTest
@testable import SpeckImaging

/// Resizing and the other transforms against values worked out by hand.
final class TransformTests: XCTestCase {
    private func row(_ values: [Float]) -> Image { Image(width: values.count, height: 1, channels: 1, pixels: values) }

    /// Upscaling 2 → 4 is plain bilinear with align_corners=False: output centres at
    /// 0.25, 0.75, 1.25, 1.75 in input coordinates, clamped at the edges.
    func testBilinearUpscale() {
        XCTAssertEqual(row([0, 1]).resized(width: 4, height: 1).pixels, [0, 0.25, 0.75, 1])
    }

    /// Shrinking 4 → 2 widens the triangle to 2 input pixels: output 0 is centred at 1.0 with
    /// taps at 0, 1, 2 weighted 0.75, 0.75, 0.25 (normalised by 1.75): (0·3 + 1·3 + 2·1) / 7.
    func testAntialiasedDownscale() {
        let out = row([0, 1, 2, 3]).resized(width: 2, height: 1).pixels
        XCTAssertEqual(out[0], 5.0 / 7, accuracy: 1e-6)
        XCTAssertEqual(out[1], 16.0 / 7, accuracy: 1e-6)
    }

    /// Halving a checkerboard with antialiasing averages it; nearest-style sampling would not.
    func testDownscaleSmoothsFineDetail() {
        let board = Image(width: 8, height: 8, channels: 1, pixels: (0..<64).map { Float(($0 % 8 + $0 / 8) % 2) })
        for value in board.resized(width: 2, height: 2).pixels { XCTAssertEqual(value, 0.5, accuracy: 0.02) }
    }

    func testVerticalAxisAndChannelsAreIndependent() {
        // Column [0, 1] upscaled to 4 rows, in channel 0; channel 1 is constant.
        let image = Image(width: 1, height: 2, channels: 2, pixels: [0, 1, 7, 7])
        XCTAssertEqual(image.resized(width: 1, height: 4).pixels, [0, 0.25, 0.75, 1, 7, 7, 7, 7])
    }

    func testSameSizeIsIdentity() {
        let image = Image(width: 3, height: 2, channels: 1, pixels: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6])
        XCTAssertEqual(image.resized(width: 3, height: 2), image)
    }

    func testShorterSideRule() {
        let landscape = Image(width: 451, height: 300, channels: 1)
        let portrait = Image(width: 300, height: 451, channels: 1)
        let resizedLandscape = landscape.resizedShorterSide(to: 256), resizedPortrait = portrait.resizedShorterSide(to: 256)
        XCTAssertEqual([resizedLandscape.width, resizedLandscape.height], [384, 256]) // int(256 * 451 / 300) = 384
        XCTAssertEqual([resizedPortrait.width, resizedPortrait.height], [256, 384])
        let square = Image(width: 10, height: 10, channels: 1).resizedShorterSide(to: 4)
        XCTAssertEqual([square.width, square.height], [4, 4])
    }

    /// top = round((H - h) / 2) with round-half-to-even: (5 - 2) / 2 = 1.5 → 2, (7 - 2) / 2 = 2.5 → 2.
    func testCentreCropUsesBankersRounding() {
        let tall = Image(width: 1, height: 5, channels: 1, pixels: [0, 1, 2, 3, 4])
        XCTAssertEqual(tall.centreCropped(width: 1, height: 2).pixels, [2, 3])
        let wide = Image(width: 7, height: 1, channels: 1, pixels: [0, 1, 2, 3, 4, 5, 6])
        XCTAssertEqual(wide.centreCropped(width: 2, height: 1).pixels, [2, 3])
        let even = Image(width: 4, height: 4, channels: 2, pixels: (0..<32).map(Float.init))
        XCTAssertEqual(even.centreCropped(width: 2, height: 2).pixels, [5, 6, 9, 10, 21, 22, 25, 26])
    }

    func testNormalisation() {
        let image = Image(width: 2, height: 1, channels: 2, pixels: [0, 1, 0.5, 0.25])
        XCTAssertEqual(image.normalised(mean: [0.5, 0.25], std: [0.5, 0.25]).pixels, [-1, 1, 1, 0])
    }

    func testGreyToRGBAndBack() {
        let grey = Image(width: 2, height: 1, channels: 1, pixels: [0.2, 0.8])
        XCTAssertEqual(grey.asRGB().pixels, [0.2, 0.8, 0.2, 0.8, 0.2, 0.8])
        let luma = Image(width: 1, height: 1, channels: 3, pixels: [1, 0, 0]).asGrey().pixels[0]
        XCTAssertEqual(luma, 0.299, accuracy: 1e-6)
        XCTAssertEqual(grey.asRGB().asGrey().pixels[0], 0.2, accuracy: 1e-6)
    }

    func testNearestResizeKeepsMaskValues() {
        let mask = Image(width: 2, height: 2, channels: 1, pixels: [0, 1, 1, 0])
        XCTAssertEqual(mask.resizedNearest(width: 4, height: 4).pixels, [0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0])
        let big = Image(width: 4, height: 1, channels: 1, pixels: [1, 2, 3, 4])
        XCTAssertEqual(big.resizedNearest(width: 2, height: 1).pixels, [1, 3])
    }
}
