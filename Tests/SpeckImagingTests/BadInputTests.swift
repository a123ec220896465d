import Foundation
import XCTest
@testable import SpeckImaging

/// Each kind of bad input gives an ImageError that names the file and says why.
final class BadInputTests: XCTestCase {
    private var folder = ""

    override func setUpWithError() throws { folder = try temporaryFolder(self) }

    private func png(width: Int = 32, height: Int = 32) -> [UInt8] {
        TestPNGWriter(width: width, height: height, bitDepth: 8, colourType: .rgb,
                      samples: (0..<(width * height * 3)).map { $0 % 251 }).encoded()
    }

    private func jpeg() throws -> [UInt8] {
        let image = Image(width: 64, height: 64, channels: 3, pixels: (0..<(3 * 64 * 64)).map { Float(($0 * 7) % 256) / 255 })
        return try ImageIO.encodeJPEG(image, quality: 90)
    }

    private func assertRefused(_ path: String, maxPixels: Int = ImageIO.defaultMaxPixels, because expected: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        let error = imageError({ try ImageIO.decode(contentsOf: path, maxPixels: maxPixels) }, file: file, line: line)
        XCTAssertEqual(error?.path, path, file: file, line: line)
        XCTAssertTrue(error?.reason.contains(expected) ?? false, "reason: \(error?.reason ?? "none")", file: file, line: line)
        XCTAssertTrue(error?.description.hasPrefix(path + ": ") ?? false, file: file, line: line)
    }

    func testTruncatedPNG() throws {
        let bytes = png()
        let path = folder + "/cut.png"
        try write(Array(bytes.prefix(bytes.count / 2)), to: path)
        assertRefused(path, because: "truncated PNG")
    }

    func testPNGCutInsideTheHeader() throws {
        let path = folder + "/header.png"
        try write(Array(png().prefix(20)), to: path)
        assertRefused(path, because: "truncated PNG")
    }

    func testTruncatedJPEG() throws {
        let bytes = try jpeg()
        let path = folder + "/cut.jpg"
        try write(Array(bytes.prefix(bytes.count * 6 / 10)), to: path)
        assertRefused(path, because: "truncated JPEG")
    }

    func testJPEGCutInsideTheHeader() throws {
        let path = folder + "/header.jpg"
        try write(Array(try jpeg().prefix(40)), to: path)
        assertRefused(path, because: "JPEG")
    }

    func testTextFileNamedPNG() throws {
        let path = folder + "/notes.png"
        try write(Array("These are not pixels.\n".utf8), to: path)
        assertRefused(path, because: "not a PNG or JPEG image (looks like text")
    }

    func testZeroByteFile() throws {
        let path = folder + "/empty.png"
        try write([], to: path)
        assertRefused(path, because: "empty file (0 bytes)")
    }

    /// Tests run as root in CI, and root reads any file whatever its mode; so when running as
    /// root the read is attempted with the effective user switched to "nobody".
    func testNoReadPermission() throws {
        let path = folder + "/secret.png"
        try write(png(), to: path)
        XCTAssertEqual(chmod(path, 0), 0)
        try withoutRootPrivileges { assertRefused(path, because: "no read permission") }
    }

    func testOverThePixelLimitIsRefusedFromTheHeader() throws {
        // The header claims 200000 x 200000 (40 gigapixels) but the file holds almost nothing:
        // the refusal must come from the header, before any pixel buffer exists.
        var bytes = TestPNGWriter(width: 1, height: 1, bitDepth: 8, colourType: .rgb, samples: [1, 2, 3]).encoded()
        bytes.replaceSubrange(16..<24, with: TestPNGWriter.bigEndian(200_000) + TestPNGWriter.bigEndian(200_000))
        let ihdrCRC = TestPNGWriter.crc32(Array(bytes[12..<29]))
        bytes.replaceSubrange(29..<33, with: TestPNGWriter.bigEndian(ihdrCRC))
        let path = folder + "/huge.png"
        try write(bytes, to: path)
        assertRefused(path, because: "200000x200000 (40000000000 pixels), over the limit of 100000000 pixels")
    }

    func testPixelLimitIsConfigurable() throws {
        let pngPath = folder + "/small.png", jpegPath = folder + "/small.jpg"
        try write(png(width: 100, height: 100), to: pngPath)
        try write(try jpeg(), to: jpegPath)
        assertRefused(pngPath, maxPixels: 9_999, because: "over the limit of 9999 pixels")
        assertRefused(jpegPath, maxPixels: 4_095, because: "over the limit of 4095 pixels")
        XCTAssertEqual(try ImageIO.decode(contentsOf: pngPath, maxPixels: 10_000).width, 100)
    }

    func testJPEGOverThePixelLimitIsRefusedFromTheHeader() throws {
        var bytes = try jpeg()
        // Patch the frame header (SOF0: FF C0, length, precision, height, width) to 60000 x 60000.
        let sof = try XCTUnwrap((0..<(bytes.count - 1)).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        bytes.replaceSubrange((sof + 5)..<(sof + 9), with: [0xEA, 0x60, 0xEA, 0x60])
        let path = folder + "/huge.jpg"
        try write(bytes, to: path)
        assertRefused(path, because: "60000x60000, over the limit of 100000000 pixels")
    }

    func testSymbolicLinkLoop() throws {
        let a = folder + "/a.png", b = folder + "/b.png"
        XCTAssertEqual(symlink(b, a), 0)
        XCTAssertEqual(symlink(a, b), 0)
        assertRefused(a, because: "symbolic link loop")
    }

    func testBrokenSymbolicLink() throws {
        let path = folder + "/dangling.png"
        XCTAssertEqual(symlink(folder + "/gone.png", path), 0)
        assertRefused(path, because: "broken symbolic link")
    }

    func testMissingFile() throws {
        assertRefused(folder + "/nowhere.png", because: "no such file or folder")
    }

    func testFolderNamedLikeAnImage() throws {
        let path = folder + "/folder.png"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        assertRefused(path, because: "is a folder")
    }

    func testMissingDatasetFolder() throws {
        let path = folder + "/no-such-dataset"
        let error = imageError { try Dataset.discover(at: path) }
        XCTAssertEqual(error?.description, path + ": no such folder")
    }
}

/// Runs `body` with the effective user "nobody" when the process runs as root, so that
/// file permissions apply (root bypasses them). Skips the test if the switch is not allowed
/// (a container without CAP_SETUID).
func withoutRootPrivileges(_ body: () throws -> Void) throws {
    guard geteuid() == 0 else { return try body() }
    let nobody: uid_t = 65534
    guard seteuid(nobody) == 0 else { throw XCTSkip("running as root and cannot switch to an unprivileged user") }
    defer { precondition(seteuid(0) == 0, "cannot switch back to root") }
    try body()
}
