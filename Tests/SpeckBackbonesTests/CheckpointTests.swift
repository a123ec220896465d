import SpeckTensor
import SpeckTestSupport
import XCTest
@testable import SpeckBackbones

/// Damaged and hostile checkpoints each fail with their own clear reason;
/// valid ones in every container and dtype load.
final class CheckpointTests: XCTestCase {
    private func reason(_ file: String) -> CheckpointError.Reason? {
        let path = TestData.fixture("checkpoints-bad/\(file)")
        do {
            _ = try Checkpoint.load(path: path)
            XCTFail("\(file) loaded but should have been refused")
            return nil
        } catch let error as CheckpointError {
            XCTAssertTrue(error.description.hasPrefix(path), "the message names the file: \(error)")
            return error.reason
        } catch {
            XCTFail("\(file): unexpected error \(error)")
            return nil
        }
    }

    func testTruncatedZipHasNoCentralDirectory() {
        XCTAssertEqual(reason("resnet18-zip-truncated.pth"), .truncatedZip)
    }

    func testTruncatedLegacyStorageReportsBothSizes() {
        guard case .truncatedStorage(_, let expected, let found)? = reason("bottleneck-tiny-legacy-truncated.pth") else {
            return XCTFail("expected a truncated storage")
        }
        XCTAssertEqual(expected, 73_728)
        XCTAssertEqual(found, 16_384)
    }

    func testPickleCutInHalf() {
        XCTAssertEqual(reason("bottleneck-tiny-legacy-truncated-in-pickle.pth"), .truncatedPickle)
    }

    func testSafetensorsHeaderLongerThanFile() {
        XCTAssertEqual(reason("safetensors-header-len-exceeds-file.safetensors"), .headerLengthExceedsFile(headerLength: 1524, fileSize: 524))
    }

    func testSafetensorsHeaderLengthThatWouldOverflow() {
        XCTAssertEqual(reason("safetensors-header-len-u64max.safetensors"), .headerLengthExceedsFile(headerLength: .max, fileSize: 524))
    }

    func testForbiddenGlobalIsRefusedInEveryContainer() {
        for file in ["pickle-forbidden-global.pkl", "legacy-forbidden-global.pth", "zip-forbidden-global.pth"] {
            XCTAssertEqual(reason(file), .forbiddenGlobal("os.system"), file)
        }
    }

    func testEmptyAndNonCheckpointFiles() {
        XCTAssertEqual(reason("empty.pth"), .empty)
        XCTAssertEqual(reason("png-renamed.pth"), .unknownFormat)
    }

    func testMissingFileIsUnreadable() {
        XCTAssertThrowsError(try Checkpoint.load(path: "/nonexistent/weights.pth")) { error in
            guard case .unreadable? = (error as? CheckpointError)?.reason else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("/nonexistent/weights.pth"))
        }
    }

    func testValidSafetensorsControlFile() throws {
        let tensors = try Checkpoint.load(path: TestData.fixture("checkpoints-bad/mini-valid.safetensors"))
        XCTAssertEqual(Set(tensors.keys), ["conv.weight", "bn.running_var", "bn.num_batches_tracked"])
        XCTAssertEqual(tensors["conv.weight"]?.shape, [2, 3, 3, 3])
        XCTAssertEqual(tensors["conv.weight"]?.data, (0..<54).map { Float($0) / 8 })
        XCTAssertEqual(tensors["bn.running_var"]?.data, [0.5, 1.25])
        XCTAssertEqual(tensors["bn.num_batches_tracked"]?.shape, [])
        XCTAssertEqual(tensors["bn.num_batches_tracked"]?.data, [7])
    }

    /// The same float16 net in two containers (11 MB each, in the shared folder) decodes to identical values.
    func testLegacyAndSafetensorsAgree() throws {
        let legacy = try Checkpoint.load(path: TestData.shared("fixtures/resnet/bottleneck-tiny-legacy.pth"))
        let safetensors = try Checkpoint.load(path: TestData.shared("fixtures/resnet/bottleneck-tiny.safetensors"))
        XCTAssertEqual(legacy.count, 104)
        XCTAssertEqual(Set(legacy.keys), Set(safetensors.keys))
        for (name, tensor) in legacy { XCTAssertEqual(tensor, safetensors[name], name) }
    }

    /// The real weights: non-contiguous TF-order kernels are re-strided.
    func testEfficientNetCheckpointStrides() throws {
        let tensors = try Checkpoint.load(path: WeightsLocator.efficientNetLite0(explicit: nil))
        XCTAssertEqual(tensors.count, 296)
        let stem = try XCTUnwrap(tensors["_conv_stem.weight"])
        XCTAssertEqual(stem.shape, [32, 3, 3, 3])
        XCTAssertEqual(tensors["_fc.weight"]?.shape, [1000, 1280])
        XCTAssertEqual(tensors["_blocks.15._bn0.weight"]?.data.first, 1.1828194)
    }

    func testHalfPrecisionDecoding() {
        XCTAssertEqual(StorageType.halfToFloat(0x3c00), 1)
        XCTAssertEqual(StorageType.halfToFloat(0xc000), -2)
        XCTAssertEqual(StorageType.halfToFloat(0x7bff), 65504)
        XCTAssertEqual(StorageType.halfToFloat(0x0001), Float(sign: .plus, exponent: -24, significand: 1))  // smallest subnormal
        XCTAssertEqual(StorageType.halfToFloat(0x83ff), -Float(0x3ff) * Float(sign: .plus, exponent: -24, significand: 1))
        XCTAssertEqual(StorageType.halfToFloat(0x7c00), .infinity)
        XCTAssertTrue(StorageType.halfToFloat(0x7e00).isNaN)
    }
}
