import SpeckImaging
import SpeckTensor
import SpeckTestSupport
import XCTest
@testable import SpeckBackbones

/// Decoding the stored PNGs and preprocessing them the documented way
/// (shorter side 256 with antialias, centre crop 224, normalise) reproduces
/// the reference input tensors. The public images are checked bit for bit
/// in SpeckImagingTests (FixtureResizeTests) and on the way into the network
/// in EfficientNetLite0FixtureTests; here, the licensed bottle with both normalisations.
final class PreprocessingFixtureTests: XCTestCase {
    func testBottle() throws {
        let crop = try Fixtures.referenceCrop(TestData.shared("datasets/mvtec-bottle/test/broken_large/000.png"))
        let half: [Float] = [0.5, 0.5, 0.5]
        for (reference, mean, std) in [("fixtures/efficientnet-lite0/bottle.input.f32", half, half),
                                       ("fixtures/resnet/bottle.input.f32", ResNet.imageNetMean, ResNet.imageNetStd)] {
            let image = crop.normalised(mean: mean, std: std)
            Fixtures.assertClose(Tensor(shape: [3, image.height, image.width], data: image.pixels),
                                 try Fixtures.sharedTensor(reference, shape: [3, 224, 224]), reference)
        }
    }

    /// The whole public path: PNG -> preprocessing -> backbone -> cat.
    func testChelseaClassifiesAsCat() throws {
        let backbone = try EfficientNetLite0FixtureTests.backbone()
        let image = try Fixtures.referenceCrop(TestData.fixture("efficientnet-lite0/chelsea.png"))
        let top = Fixtures.topK(try backbone.logits(of: image), 3)
        XCTAssertEqual(Set(top), [281, 282, 285])   // tabby, tiger cat, Egyptian cat
        XCTAssertEqual(ImageNetClasses.names[top[0]].contains("cat") || top[0] == 281, true)
    }
}
