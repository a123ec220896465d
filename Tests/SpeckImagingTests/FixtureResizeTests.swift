import XCTest
@testable import SpeckImaging

/// The EfficientNet-Lite0 preprocessing (decode, shorter side to 256 with antialias, centre
/// crop 224, mean = std = 0.5) must reproduce PyTorch's input tensors bit for bit.
final class FixtureResizeTests: XCTestCase {
    private func check(_ name: String) throws {
        let folder = sharedFolder() + "/fixtures/efficientnet-lite0"
        let expected = try readFloats(folder + "/\(name).input.f32")
        let image = try ImageIO.decode(contentsOf: folder + "/\(name).png")
        let input = image.asRGB().resizedShorterSide(to: 256).centreCropped(width: 224, height: 224)
            .normalised(mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5])
        XCTAssertEqual(expected.count, 3 * 224 * 224)
        XCTAssertEqual(input.pixels.count, expected.count)
        var worstUlps = 0
        var mismatches = 0
        for (ours, theirs) in zip(input.pixels, expected) where ours != theirs {
            mismatches += 1
            worstUlps = max(worstUlps, abs(Int(Int32(bitPattern: ours.bitPattern)) - Int(Int32(bitPattern: theirs.bitPattern))))
        }
        XCTAssertEqual(mismatches, 0, "\(name): \(mismatches) samples differ, worst by \(worstUlps) ulp")
    }

    func testChelseaMatchesTorch() throws { try check("chelsea") }
    func testCoffeeMatchesTorch() throws { try check("coffee") }
}
