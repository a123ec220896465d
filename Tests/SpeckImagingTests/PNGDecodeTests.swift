import XCTest
@testable import SpeckImaging

/// Every supported PNG flavour decodes to exactly the samples written into the file.
final class PNGDecodeTests: XCTestCase {
    private func decode(_ png: TestPNGWriter, name: String = "image.png") throws -> Image {
        let path = try temporaryFolder(self) + "/" + name
        try write(png.encoded(), to: path)
        return try ImageIO.decode(contentsOf: path)
    }

    private func assertPixels(_ image: Image, _ expected: [Float], channels: Int, width: Int, height: Int,
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(image.channels, channels, file: file, line: line)
        XCTAssertEqual(image.width, width, file: file, line: line)
        XCTAssertEqual(image.height, height, file: file, line: line)
        XCTAssertEqual(image.pixels, expected, file: file, line: line)
    }

    /// Interleaved expected values to planar order.
    private func planar(_ interleaved: [Float], channels: Int) -> [Float] {
        (0..<channels).flatMap { c in stride(from: c, to: interleaved.count, by: channels).map { interleaved[$0] } }
    }

    func testGrey8Bit() throws {
        let values = Array(0..<256)
        let image = try decode(TestPNGWriter(width: 16, height: 16, bitDepth: 8, colourType: .grey, samples: values))
        assertPixels(image, values.map { Float($0) / 255 }, channels: 1, width: 16, height: 16)
    }

    func testGrey16BitKeepsFullPrecision() throws {
        let values = [0, 1, 257, 12345, 65534, 65535]
        let image = try decode(TestPNGWriter(width: 3, height: 2, bitDepth: 16, colourType: .grey, samples: values))
        assertPixels(image, values.map { Float($0) / 65535 }, channels: 1, width: 3, height: 2)
    }

    func testGreyLowBitDepthsScaleToFullRange() throws {
        for depth in [1, 2, 4] {
            let top = (1 << depth) - 1
            let values = (0..<15).map { $0 % (top + 1) } // 5 x 3: rows do not end on a byte boundary
            let image = try decode(TestPNGWriter(width: 5, height: 3, bitDepth: depth, colourType: .grey, samples: values))
            assertPixels(image, values.map { Float($0 * (255 / top)) / 255 }, channels: 1, width: 5, height: 3)
        }
    }

    func testGreyAlpha8BitIsCompositedOverBlack() throws {
        let pairs = [(200, 255), (200, 0), (200, 128), (51, 51)]
        let image = try decode(TestPNGWriter(width: 2, height: 2, bitDepth: 8, colourType: .greyAlpha,
                                             samples: pairs.flatMap { [$0.0, $0.1] }))
        assertPixels(image, pairs.map { Float($0.0) / 255 * (Float($0.1) / 255) }, channels: 1, width: 2, height: 2)
    }

    func testGreyAlpha16BitIsCompositedOverBlack() throws {
        let pairs = [(60000, 65535), (60000, 0), (65535, 32768), (1000, 50000)]
        let image = try decode(TestPNGWriter(width: 4, height: 1, bitDepth: 16, colourType: .greyAlpha,
                                             samples: pairs.flatMap { [$0.0, $0.1] }))
        // libpng multiplies in 16 bits: round(g * a / 65535).
        let expected = pairs.map { Float(($0.0 * $0.1 + 32767) / 65535) / 65535 }
        assertPixels(image, expected, channels: 1, width: 4, height: 1)
    }

    func testRGB8Bit() throws {
        let samples = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 254, 1, 128, 7, 77, 177]
        let image = try decode(TestPNGWriter(width: 3, height: 2, bitDepth: 8, colourType: .rgb, samples: samples))
        assertPixels(image, planar(samples.map { Float($0) / 255 }, channels: 3), channels: 3, width: 3, height: 2)
    }

    func testRGB16Bit() throws {
        let samples = [65535, 0, 1, 257, 40000, 65534]
        let image = try decode(TestPNGWriter(width: 2, height: 1, bitDepth: 16, colourType: .rgb, samples: samples))
        assertPixels(image, planar(samples.map { Float($0) / 65535 }, channels: 3), channels: 3, width: 2, height: 1)
    }

    func testRGBA8BitIsCompositedOverBlack() throws {
        let pixels = [(255, 128, 0, 255), (255, 128, 0, 0), (200, 100, 50, 102)]
        let image = try decode(TestPNGWriter(width: 3, height: 1, bitDepth: 8, colourType: .rgba,
                                             samples: pixels.flatMap { [$0.0, $0.1, $0.2, $0.3] }))
        let expected = pixels.flatMap { p in [p.0, p.1, p.2].map { Float($0) / 255 * (Float(p.3) / 255) } }
        assertPixels(image, planar(expected, channels: 3), channels: 3, width: 3, height: 1)
    }

    func testRGBA16BitIsCompositedOverBlack() throws {
        let pixels = [(65535, 30000, 0, 65535), (65535, 30000, 0, 0), (40000, 20000, 100, 32768)]
        let image = try decode(TestPNGWriter(width: 3, height: 1, bitDepth: 16, colourType: .rgba,
                                             samples: pixels.flatMap { [$0.0, $0.1, $0.2, $0.3] }))
        let expected = pixels.flatMap { p in [p.0, p.1, p.2].map { Float(($0 * p.3 + 32767) / 65535) / 65535 } }
        assertPixels(image, planar(expected, channels: 3), channels: 3, width: 3, height: 1)
    }

    func testPaletteWithTransparency() throws {
        var png = TestPNGWriter(width: 4, height: 1, bitDepth: 8, colourType: .palette, samples: [0, 1, 2, 1])
        png.palette = [(255, 0, 0), (10, 20, 30), (0, 255, 255)]
        png.transparency = [255, 255, 0] // entry 2 fully transparent
        let image = try decode(png)
        let expected: [Float] = [[255, 0, 0], [10, 20, 30], [0, 0, 0], [10, 20, 30]].flatMap { $0.map { Float($0) / 255 } }
        assertPixels(image, planar(expected, channels: 3), channels: 3, width: 4, height: 1)
    }

    func testPalette2Bit() throws {
        var png = TestPNGWriter(width: 5, height: 1, bitDepth: 2, colourType: .palette, samples: [3, 2, 1, 0, 3])
        png.palette = [(0, 0, 0), (1, 2, 3), (100, 150, 200), (255, 255, 255)]
        let image = try decode(png)
        let colours: [[Float]] = [[255, 255, 255], [100, 150, 200], [1, 2, 3], [0, 0, 0], [255, 255, 255]]
        assertPixels(image, planar(colours.flatMap { $0.map { $0 / 255 } }, channels: 3), channels: 3, width: 5, height: 1)
    }

    func testGreyTransparencyKeyBecomesBlack() throws {
        var png = TestPNGWriter(width: 3, height: 1, bitDepth: 8, colourType: .grey, samples: [10, 99, 250])
        png.transparency = [0, 99] // grey value 99 is transparent
        let image = try decode(png)
        assertPixels(image, [10.0 / 255, 0, 250.0 / 255], channels: 1, width: 3, height: 1)
    }

    func testGammaChunkDoesNotChangeSamples() throws {
        var linear = TestPNGWriter(width: 4, height: 1, bitDepth: 8, colourType: .grey, samples: [0, 64, 128, 255])
        linear.gamma = 100_000 // gamma 1.0 would make libpng re-encode the values
        assertPixels(try decode(linear), [0, 64, 128, 255].map { Float($0) / 255 }, channels: 1, width: 4, height: 1)
        var sixteen = TestPNGWriter(width: 2, height: 1, bitDepth: 16, colourType: .grey, samples: [1000, 50000])
        sixteen.gamma = 45455
        assertPixels(try decode(sixteen), [1000, 50000].map { Float($0) / 65535 }, channels: 1, width: 2, height: 1)
    }

    func testFormatIsSniffedNotTakenFromTheExtension() throws {
        let png = TestPNGWriter(width: 2, height: 1, bitDepth: 8, colourType: .grey, samples: [3, 4])
        let image = try decode(png, name: "actually-a-png.jpg")
        assertPixels(image, [3.0 / 255, 4.0 / 255], channels: 1, width: 2, height: 1)
    }

    func testHeaderWithoutDecoding() throws {
        let path = try temporaryFolder(self) + "/h.png"
        try write(TestPNGWriter(width: 7, height: 5, bitDepth: 16, colourType: .rgba, samples: Array(repeating: 9, count: 140)).encoded(), to: path)
        XCTAssertEqual(try ImageIO.header(contentsOf: path), ImageHeader(format: .png, width: 7, height: 5, channels: 3))
    }
}
