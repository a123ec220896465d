import XCTest
@testable import SpeckImaging

final class PNGEncodeTests: XCTestCase {
    func testGreyRoundTripIsExact() throws {
        let path = try temporaryFolder(self) + "/grey.png"
        let image = Image(width: 16, height: 16, channels: 1, pixels: (0..<256).map { Float($0) / 255 })
        try ImageIO.writePNG(image, to: path)
        XCTAssertEqual(try ImageIO.decode(contentsOf: path), image)
    }

    func testRGBRoundTripIsExact() throws {
        let path = try temporaryFolder(self) + "/rgb.png"
        let image = Image(width: 5, height: 3, channels: 3, pixels: (0..<45).map { Float(($0 * 37) % 256) / 255 })
        try ImageIO.writePNG(image, to: path)
        XCTAssertEqual(try ImageIO.decode(contentsOf: path), image)
    }

    /// Random bytes do not compress: the encoded file is larger than the pixels, and still exact.
    func testIncompressibleImageRoundTripIsExact() throws {
        var state: UInt64 = 12345
        let pixels = (0..<(300 * 200 * 3)).map { _ -> Float in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 56) / 255
        }
        let image = Image(width: 300, height: 200, channels: 3, pixels: pixels)
        let encoded = try ImageIO.encodePNG(image)
        XCTAssertGreaterThan(encoded.count, 300 * 200 * 3)
        XCTAssertEqual(try encoded.withUnsafeBytes { try ImageIO.decode($0, path: "noise") }, image)
    }

    func testValuesAreClampedAndRounded() throws {
        let path = try temporaryFolder(self) + "/clamp.png"
        try ImageIO.writePNG(Image(width: 4, height: 1, channels: 1, pixels: [-0.5, 2, 0.5, 0.2]), to: path)
        // 0.5 * 255 = 127.5 rounds to 128; 0.2 * 255 = 51.
        XCTAssertEqual(try ImageIO.decode(contentsOf: path).pixels, [0, 1, 128.0 / 255, 51.0 / 255])
    }

    func testWriteReplacesAtomicallyAndLeavesNoTemporaryFile() throws {
        let folder = try temporaryFolder(self)
        let path = folder + "/out.png"
        try ImageIO.writePNG(Image(width: 2, height: 2, channels: 1, fill: 0), to: path)
        try ImageIO.writePNG(Image(width: 3, height: 1, channels: 1, fill: 1), to: path)
        XCTAssertEqual(try ImageIO.decode(contentsOf: path).width, 3)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["out.png"])
    }

    func testWriteIntoMissingFolderNamesTheFile() throws {
        let path = try temporaryFolder(self) + "/no/such/folder/out.png"
        let error = imageError { try ImageIO.writePNG(Image(width: 1, height: 1, channels: 1), to: path) }
        XCTAssertEqual(error?.path, path)
        XCTAssertTrue(error?.reason.contains("no such file or folder") ?? false, error?.reason ?? "")
    }
}
