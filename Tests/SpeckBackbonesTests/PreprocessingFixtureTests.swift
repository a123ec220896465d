import SpeckImaging
import SpeckTensor
import XCTest
@testable import SpeckBackbones

/// Decoding the stored PNGs and preprocessing them the documented way
/// (shorter side 256 with antialias, centre crop 224, normalise) reproduces
/// the reference input tensors.
final class PreprocessingFixtureTests: XCTestCase {
    private func check(png: String, input: String, mean: [Float], std: [Float]) throws {
        let image = try ImageIO.decode(contentsOf: Fixtures.path(png)).asRGB()
            .resizedShorterSide(to: 256).centreCropped(width: 224, height: 224).normalised(mean: mean, std: std)
        let expected = try Fixtures.tensor(input, shape: [3, 224, 224])
        Fixtures.assertClose(Tensor(shape: [3, image.height, image.width], data: image.pixels), expected, input)
    }

    func testChelsea() throws {
        try check(png: "fixtures/efficientnet-lite0/chelsea.png", input: "fixtures/efficientnet-lite0/chelsea.input.f32", mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5])
    }

    func testCoffee() throws {
        try check(png: "fixtures/efficientnet-lite0/coffee.png", input: "fixtures/efficientnet-lite0/coffee.input.f32", mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5])
    }

    func testBottle() throws {
        try check(png: "datasets/mvtec-bottle/test/broken_large/000.png", input: "fixtures/efficientnet-lite0/bottle.input.f32",
                  mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5])
        try check(png: "datasets/mvtec-bottle/test/broken_large/000.png", input: "fixtures/resnet/bottle.input.f32",
                  mean: ResNet.imageNetMean, std: ResNet.imageNetStd)
    }

    /// The whole public path: PNG -> preprocessing -> backbone -> cat.
    func testChelseaClassifiesAsCat() throws {
        let backbone = try EfficientNetLite0FixtureTests.backbone()
        let image = try ImageIO.decode(contentsOf: Fixtures.path("fixtures/efficientnet-lite0/chelsea.png")).asRGB()
            .resizedShorterSide(to: 256).centreCropped(width: 224, height: 224)
        let top = Fixtures.topK(try backbone.logits(of: image), 3)
        XCTAssertEqual(Set(top), [281, 282, 285])   // tabby, tiger cat, Egyptian cat
        XCTAssertEqual(ImageNetClasses.names[top[0]].contains("cat") || top[0] == 281, true)
    }
}
