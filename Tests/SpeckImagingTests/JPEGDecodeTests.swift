import XCTest
@testable import SpeckImaging

/// JPEG is lossy, but at quality 100 (all quantisers 1) a flat 8x8 block holds only a DC
/// coefficient and decodes to exactly its value: these tests build such files with libjpeg
/// and check the decoded samples exactly.
final class JPEGDecodeTests: XCTestCase {
    /// Interleaved samples of an image made of flat 8x8 blocks with the given colours, row-major.
    private func flatBlocks(_ colours: [[Int]], blocksWide: Int) -> (samples: [UInt8], width: Int, height: Int) {
        let channels = colours[0].count
        let blocksHigh = colours.count / blocksWide
        let width = blocksWide * 8, height = blocksHigh * 8
        var samples = [UInt8](repeating: 0, count: width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                let colour = colours[(y / 8) * blocksWide + x / 8]
                for c in 0..<channels { samples[(y * width + x) * channels + c] = UInt8(colour[c]) }
            }
        }
        return (samples, width, height)
    }

    private func decode(_ colours: [[Int]], blocksWide: Int, stored: JPEGEncoding.StoredColour) throws -> Image {
        let blocks = flatBlocks(colours, blocksWide: blocksWide)
        let jpeg = try JPEGEncoding.encode(samples: blocks.samples, width: blocks.width, height: blocks.height,
                                           colour: stored, quality: 100)
        let path = try temporaryFolder(self) + "/image.jpg"
        try write(jpeg, to: path)
        return try ImageIO.decode(contentsOf: path)
    }

    /// The expected planar image: each block's colour, `transform`ed to the output channels.
    private func expected(_ colours: [[Int]], blocksWide: Int, transform: ([Int]) -> [Int]) -> [Float] {
        let out = colours.map(transform)
        let channels = out[0].count
        let width = blocksWide * 8, height = colours.count / blocksWide * 8
        var planes = [Float](repeating: 0, count: width * height * channels)
        for c in 0..<channels {
            for y in 0..<height {
                for x in 0..<width { planes[(c * height + y) * width + x] = Float(out[(y / 8) * blocksWide + x / 8][c]) / 255 }
            }
        }
        return planes
    }

    func testGrey() throws {
        let colours = [[0], [77], [200], [255]]
        let image = try decode(colours, blocksWide: 2, stored: .grey)
        XCTAssertEqual(image.channels, 1)
        XCTAssertEqual(image.pixels, expected(colours, blocksWide: 2) { $0 })
    }

    func testRGBStoredWithoutColourTransform() throws {
        let colours = [[255, 0, 0], [12, 200, 99], [0, 0, 255]]
        let image = try decode(colours, blocksWide: 3, stored: .rgb)
        XCTAssertEqual(image.channels, 3)
        XCTAssertEqual(image.pixels, expected(colours, blocksWide: 3) { $0 })
    }

    /// Neutral colours survive the YCbCr round trip exactly (the libjpeg coefficients sum to 1).
    func testYCbCrNeutralColours() throws {
        let colours = [[0, 0, 0], [128, 128, 128], [31, 31, 31], [255, 255, 255]]
        let image = try decode(colours, blocksWide: 4, stored: .ycbcr)
        XCTAssertEqual(image.channels, 3)
        XCTAssertEqual(image.pixels, expected(colours, blocksWide: 4) { $0 })
    }

    /// Adobe CMYK stores inverted ink values; RGB = stored C (M, Y) × stored K / 255, rounded.
    func testCMYKConvertedToRGB() throws {
        let colours = [[255, 255, 255, 255], [0, 128, 255, 255], [200, 100, 50, 128], [255, 255, 255, 0]]
        let image = try decode(colours, blocksWide: 2, stored: .cmyk)
        XCTAssertEqual(image.channels, 3)
        XCTAssertEqual(image.pixels, expected(colours, blocksWide: 2) { cmyk in
            (0..<3).map { (cmyk[$0] * cmyk[3] + 127) / 255 }
        })
    }

    func testPhotographicContentStaysClose() throws {
        let width = 40, height = 24
        let image = Image(width: width, height: height, channels: 3, pixels: (0..<(3 * width * height)).map { i in
            let c = i / (width * height), x = i % width, y = (i / width) % height
            return Float(x + 2 * y + 20 * c) / 150
        })
        let path = try temporaryFolder(self) + "/gradient.jpeg"
        try ImageIO.writeJPEG(image, to: path, quality: 95)
        let decoded = try ImageIO.decode(contentsOf: path)
        XCTAssertEqual(decoded.width, width)
        XCTAssertEqual(decoded.height, height)
        let worst = zip(decoded.pixels, image.pixels).map { abs($0 - $1) }.max() ?? 1
        XCTAssertLessThan(worst, 0.04)
    }

    func testFormatIsSniffedNotTakenFromTheExtension() throws {
        let blocks = flatBlocks([[90]], blocksWide: 1)
        let jpeg = try JPEGEncoding.encode(samples: blocks.samples, width: 8, height: 8, colour: .grey, quality: 100)
        let path = try temporaryFolder(self) + "/actually-a-jpeg.png"
        try write(jpeg, to: path)
        XCTAssertEqual(try ImageIO.decode(contentsOf: path).pixels, [Float](repeating: 90.0 / 255, count: 64))
        XCTAssertEqual(try ImageIO.header(contentsOf: path), ImageHeader(format: .jpeg, width: 8, height: 8, channels: 1))
    }
}
