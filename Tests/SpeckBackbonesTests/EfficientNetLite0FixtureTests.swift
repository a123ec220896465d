import Foundation
import SpeckImaging
import SpeckTensor
import XCTest
@testable import SpeckBackbones

/// EfficientNet-Lite0 with the real weights against PyTorch's output for every
/// stage, on the three reference images.
final class EfficientNetLite0FixtureTests: XCTestCase {
    nonisolated(unsafe) private static var cached: CNNBackbone?

    static func backbone() throws -> CNNBackbone {
        if let cached { return cached }
        let loaded = try EfficientNetLite0.load(weightsPath: WeightsLocator.efficientNetLite0(explicit: nil))
        cached = loaded
        return loaded
    }

    static let stages: [(name: String, shape: [Int])] = [
        ("stem", [32, 112, 112]), ("blocks.0", [16, 112, 112]), ("blocks.1", [24, 56, 56]), ("blocks.2", [40, 28, 28]),
        ("blocks.3", [80, 14, 14]), ("blocks.4", [112, 14, 14]), ("blocks.5", [192, 7, 7]), ("blocks.6", [320, 7, 7]),
        ("head", [1280, 7, 7]),
    ]

    private func checkImage(_ image: String, expectedTop5: [Int]) throws {
        let network = try Self.backbone().network
        let input = try Fixtures.tensor("fixtures/efficientnet-lite0/\(image).input.f32", shape: [3, 224, 224])
        let output = try network.run(normalisedInput: input, taps: Self.stages.map(\.name), classify: true)
        for stage in Self.stages {
            let expected = try Fixtures.tensor("fixtures/efficientnet-lite0/\(image).\(stage.name).f32", shape: stage.shape)
            Fixtures.assertClose(try XCTUnwrap(output.taps[stage.name]), expected, "\(image) \(stage.name)")
        }
        let pooled = try Fixtures.tensor("fixtures/efficientnet-lite0/\(image).pooled.f32", shape: [1280])
        Fixtures.assertClose(Tensor(shape: [1280], data: try XCTUnwrap(output.pooled)), pooled, "\(image) pooled")
        let logits = try Fixtures.tensor("fixtures/efficientnet-lite0/\(image).logits.f32", shape: [1000])
        let ours = try XCTUnwrap(output.logits)
        Fixtures.assertClose(Tensor(shape: [1000], data: ours), logits, "\(image) logits")
        XCTAssertEqual(Fixtures.topK(ours, 5), expectedTop5, "\(image) top-5")
    }

    func testChelseaMatchesPyTorch() throws { try checkImage("chelsea", expectedTop5: [282, 285, 281, 287, 904]) }
    func testCoffeeMatchesPyTorch() throws { try checkImage("coffee", expectedTop5: [967, 968, 925, 960, 504]) }
    func testBottleMatchesPyTorch() throws { try checkImage("bottle", expectedTop5: [111, 471, 513, 898, 506]) }

    /// The public path (image in [0,1], backbone normalises) gives the same taps.
    func testFeaturesFromImageMatchFixture() throws {
        let backbone = try Self.backbone()
        let input = try Fixtures.tensor("fixtures/efficientnet-lite0/chelsea.input.f32", shape: [3, 224, 224])
        let image = Image(width: 224, height: 224, channels: 3, pixels: input.data.map { $0 * 0.5 + 0.5 })
        let taps = try backbone.features(of: image, taps: backbone.defaultTaps)
        XCTAssertEqual(Set(taps.keys), ["blocks.2", "blocks.4"])
        Fixtures.assertClose(try XCTUnwrap(taps["blocks.2"]),
                             try Fixtures.tensor("fixtures/efficientnet-lite0/chelsea.blocks.2.f32", shape: [40, 28, 28]), "blocks.2")
        Fixtures.assertClose(try XCTUnwrap(taps["blocks.4"]),
                             try Fixtures.tensor("fixtures/efficientnet-lite0/chelsea.blocks.4.f32", shape: [112, 14, 14]), "blocks.4")
    }

    func testTapShapes() throws {
        let backbone = try Self.backbone()
        XCTAssertEqual(try backbone.tapShape("blocks.2").channels, 40)
        XCTAssertEqual(try backbone.tapShape("blocks.2").stride, 8)
        XCTAssertEqual(try backbone.tapShape("blocks.4").channels, 112)
        XCTAssertEqual(try backbone.tapShape("blocks.4").stride, 16)
        XCTAssertThrowsError(try backbone.tapShape("layer2"))
        XCTAssertThrowsError(try backbone.features(of: Image(width: 64, height: 64, channels: 3), taps: ["nope"]))
    }

    /// Odd sizes use TF SAME padding; the shapes follow ceil(i / stride).
    func testOddInputSize() throws {
        let backbone = try Self.backbone()
        let image = Image(width: 45, height: 33, channels: 3, fill: 0.3)
        let taps = try backbone.features(of: image, taps: ["stem", "blocks.4"])
        XCTAssertEqual(taps["stem"]?.shape, [32, 17, 23])
        XCTAssertEqual(taps["blocks.4"]?.shape, [112, 3, 3])
        XCTAssertThrowsError(try backbone.features(of: Image(width: 31, height: 64, channels: 3), taps: ["stem"]))
        // A grey image is treated as RGB with equal channels.
        let grey = try backbone.features(of: Image(width: 40, height: 40, channels: 1, fill: 0.3), taps: ["stem"])
        let rgb = try backbone.features(of: Image(width: 40, height: 40, channels: 3, fill: 0.3), taps: ["stem"])
        XCTAssertEqual(grey["stem"], rgb["stem"])
    }

    /// Two threads at once get the same answers as one.
    func testConcurrentCallsAgree() throws {
        let backbone = try Self.backbone()
        let images = (0..<4).map { i in Image(width: 96, height: 64, channels: 3, pixels: (0..<(96 * 64 * 3)).map { Float(($0 * (i + 7)) % 255) / 255 }) }
        let expected = try images.map { try backbone.features(of: $0, taps: ["blocks.4"])["blocks.4"]! }
        let results = ResultSlots(count: images.count)
        DispatchQueue.concurrentPerform(iterations: images.count) { i in
            results.set(i, try? backbone.features(of: images[i], taps: ["blocks.4"])["blocks.4"])
        }
        for i in images.indices { XCTAssertEqual(results.values[i], expected[i], "image \(i)") }
    }
}

/// Results written by concurrent workers.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Tensor?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Tensor?) { lock.withLock { values[index] = value } }
}
