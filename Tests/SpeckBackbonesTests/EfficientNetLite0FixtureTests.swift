import Foundation
import SpeckImaging
import SpeckTensor
import SpeckTestSupport
import XCTest
@testable import SpeckBackbones

/// EfficientNet-Lite0 with the real weights against PyTorch's output for every
/// stage (compact golden values, see `Tests/Fixtures`), on the three reference images.
final class EfficientNetLite0FixtureTests: XCTestCase {
    nonisolated(unsafe) private static var cached: CNNBackbone?

    static func backbone() throws -> CNNBackbone {
        if let cached { return cached }
        let loaded = try EfficientNetLite0.load(weightsPath: WeightsLocator.efficientNetLite0(explicit: nil))
        cached = loaded
        return loaded
    }

    static let stages = ["stem", "blocks.0", "blocks.1", "blocks.2", "blocks.3", "blocks.4", "blocks.5", "blocks.6", "head"]

    /// From the PNG: our preprocessing gives PyTorch's input, and the network then every stage's output.
    private func checkImage(_ image: String, png: String) throws {
        let golden = try GoldenRun.load("efficientnet-lite0/\(image).json")
        let crop = try Fixtures.referenceCrop(png).normalised(mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5])
        let input = Tensor(shape: [3, crop.height, crop.width], data: crop.pixels)
        Fixtures.assertClose(input, try golden.stage("input"), "\(image) input")
        let output = try Self.backbone().network.run(normalisedInput: input, taps: Self.stages, classify: true)
        for stage in Self.stages {
            Fixtures.assertClose(try XCTUnwrap(output.taps[stage]), try golden.stage(stage), "\(image) \(stage)")
        }
        let pooled = try XCTUnwrap(output.pooled), logits = try XCTUnwrap(output.logits)
        Fixtures.assertClose(Tensor(shape: [pooled.count], data: pooled), try golden.stage("pooled"), "\(image) pooled")
        Fixtures.assertClose(Tensor(shape: [logits.count], data: logits), try golden.stage("logits"), "\(image) logits")
        XCTAssertEqual(Fixtures.topK(logits, 5), golden.top5, "\(image) top-5")
    }

    func testChelseaMatchesPyTorch() throws { try checkImage("chelsea", png: TestData.fixture("efficientnet-lite0/chelsea.png")) }
    func testCoffeeMatchesPyTorch() throws { try checkImage("coffee", png: TestData.fixture("efficientnet-lite0/coffee.png")) }
    /// MVTec's bottle is licensed: its PNG stays in the shared folder.
    func testBottleMatchesPyTorch() throws {
        try checkImage("bottle", png: TestData.shared("datasets/mvtec-bottle/test/broken_large/000.png"))
    }

    /// The public path (image in [0,1], backbone normalises) gives the same taps.
    func testFeaturesFromImageMatchFixture() throws {
        let backbone = try Self.backbone()
        let golden = try GoldenRun.load("efficientnet-lite0/chelsea.json")
        let taps = try backbone.features(of: try Fixtures.referenceCrop(TestData.fixture("efficientnet-lite0/chelsea.png")),
                                         taps: backbone.defaultTaps)
        XCTAssertEqual(Set(taps.keys), ["blocks.2", "blocks.4"])
        for (name, tap) in taps { Fixtures.assertClose(tap, try golden.stage(name), name) }
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
