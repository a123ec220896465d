import SpeckTestSupport
import XCTest
@testable import SpeckImaging

/// The EfficientNet-Lite0 preprocessing (decode, shorter side to 256 with antialias, centre
/// crop 224, mean = std = 0.5) must reproduce PyTorch's input tensors bit for bit.
final class FixtureResizeTests: XCTestCase {
    private func check(_ name: String) throws {
        let expected = try GoldenRun.load("efficientnet-lite0/\(name).json").stage("input")
        let image = try ImageIO.decode(contentsOf: TestData.fixture("efficientnet-lite0/\(name).png"))
        let input = image.asRGB().resizedShorterSide(to: 256).centreCropped(width: 224, height: 224)
            .normalised(mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5])
        expected.assertBitExact(input.pixels, shape: [input.channels, input.height, input.width], name)
    }

    func testChelseaMatchesTorch() throws { try check("chelsea") }
    func testCoffeeMatchesTorch() throws { try check("coffee") }
}
