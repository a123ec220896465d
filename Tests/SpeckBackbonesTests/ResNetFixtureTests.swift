import SpeckTensor
import SpeckTestSupport
import XCTest
@testable import SpeckBackbones

/// Random-weight torchvision ResNets (basic block and bottleneck) from zip,
/// legacy and safetensors checkpoints against PyTorch's stage outputs. The
/// checkpoints (11-23 MB) stay in the shared folder.
final class ResNetFixtureTests: XCTestCase {
    private func check(checkpoint: String, net: String, stageShapes: [(String, [Int])]) throws {
        let stateDict = StateDict(tensors: try Checkpoint.load(path: TestData.shared("fixtures/resnet/\(checkpoint)")), path: checkpoint)
        let network = try ResNet.network(from: stateDict)
        let input = try Fixtures.sharedTensor("fixtures/resnet/bottle.input.f32", shape: [3, 224, 224])
        let output = try network.run(normalisedInput: input, taps: stageShapes.map(\.0), classify: true)
        for (stage, shape) in stageShapes {
            let expected = try Fixtures.sharedTensor("fixtures/resnet/\(net).\(stage).f32", shape: shape)
            Fixtures.assertClose(try XCTUnwrap(output.taps[stage]), expected, "\(checkpoint) \(stage)")
        }
        let pooledCount = stageShapes.last!.1[0]
        Fixtures.assertClose(Tensor(shape: [pooledCount], data: try XCTUnwrap(output.pooled)),
                             try Fixtures.sharedTensor("fixtures/resnet/\(net).pooled.f32", shape: [pooledCount]), "\(checkpoint) pooled")
        let logits = try XCTUnwrap(output.logits)
        let expectedLogits = try Fixtures.sharedTensor("fixtures/resnet/\(net).fc.f32", shape: [1000])
        Fixtures.assertClose(Tensor(shape: [1000], data: logits), expectedLogits, "\(checkpoint) fc")
        XCTAssertEqual(Fixtures.topK(logits, 5), Fixtures.topK(expectedLogits.data, 5))
    }

    func testResNet18ZipCheckpoint() throws {
        try check(checkpoint: "resnet18-random.pth", net: "resnet18", stageShapes: [
            ("stem", [64, 56, 56]), ("layer1", [64, 56, 56]), ("layer2", [128, 28, 28]), ("layer3", [256, 14, 14]), ("layer4", [512, 7, 7]),
        ])
    }

    static let bottleneckStages: [(String, [Int])] = [
        ("stem", [64, 56, 56]), ("layer1", [256, 56, 56]), ("layer2", [512, 28, 28]), ("layer3", [1024, 14, 14]), ("layer4", [2048, 7, 7]),
    ]

    func testBottleneckLegacyCheckpoint() throws {
        try check(checkpoint: "bottleneck-tiny-legacy.pth", net: "bottleneck-tiny", stageShapes: Self.bottleneckStages)
    }

    func testBottleneckSafetensorsCheckpoint() throws {
        try check(checkpoint: "bottleneck-tiny.safetensors", net: "bottleneck-tiny", stageShapes: Self.bottleneckStages)
    }

    func testLoaderBuildsResNetWithTaps() throws {
        let backbone = try BackboneLoader.load(name: "resnet18", weightsPath: TestData.shared("fixtures/resnet/resnet18-random.pth"))
        XCTAssertEqual(backbone.name, "resnet18")
        XCTAssertEqual(backbone.defaultTaps, ["layer2", "layer3"])
        XCTAssertEqual(try backbone.tapShape("layer2").channels, 128)
        XCTAssertEqual(try backbone.tapShape("layer2").stride, 8)
        XCTAssertEqual(try backbone.tapShape("layer3").stride, 16)
        XCTAssertEqual(backbone.normalisation.mean, [0.485, 0.456, 0.406])
    }
}
