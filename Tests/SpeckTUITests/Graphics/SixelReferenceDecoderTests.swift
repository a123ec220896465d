import Foundation
import SpeckTestSupport
import SpeckImaging
import SpeckTUI
import XCTest

/// The sixel payload read by libsixel's own decoder (`sixel2png`, Debian
/// package libsixel-bin) when it is installed; skipped by name otherwise.
final class SixelReferenceDecoderTests: XCTestCase {
    func testLibsixelDecodesThePayloadToThePaletteColours() throws {
        guard let tool = ["/usr/bin/sixel2png", "/usr/local/bin/sixel2png"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("sixel2png (libsixel-bin) is not installed")
        }
        let source = GraphicsEncodingTests.picture(width: 50, height: 31)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("speck-sixel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let six = folder.appendingPathComponent("p.six"), png = folder.appendingPathComponent("p.png")
        try Data(SixelEncoder.encode(source)).write(to: six)
        let conversion = try ChildProcess.run(tool, ["-i", six.path, "-o", png.path])
        XCTAssertEqual(conversion.status, 0, conversion.err)
        let image = try ImageIO.decode(contentsOf: png.path).asRGB()
        XCTAssertEqual(image.width, 50)
        XCTAssertEqual(image.height, 31)
        let plane = image.width * image.height
        var worst = 0
        for i in 0..<plane {
            let decoded = RGB(unit: image.pixels[i], image.pixels[plane + i], image.pixels[2 * plane + i])
            let wanted = SixelPalette.colours[Int(SixelPalette.index(of: source.pixels[i]))]
            worst = max(worst, GraphicsEncodingTests.maxDifference(decoded, wanted))
        }
        XCTAssertLessThanOrEqual(worst, 2, "libsixel reads every pixel as its palette colour (up to sixel's percent steps)")
    }
}
