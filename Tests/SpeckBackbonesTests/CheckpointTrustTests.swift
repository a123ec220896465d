import Foundation
import XCTest
@testable import SpeckBackbones

/// Weights are checked on load: NaN and infinity are refused with the
/// tensor's name in every format, and a file named as a published checkpoint
/// must have its published SHA-256.
final class CheckpointTrustTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("speck-trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ data: Data, as name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// The reason `path` was refused for; fails the test when it loads.
    private func refusal(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> CheckpointError? {
        do {
            _ = try Checkpoint.load(path: path)
            XCTFail("\(path) loaded but should have been refused", file: file, line: line)
        } catch let error as CheckpointError {
            XCTAssertTrue(error.description.hasPrefix(path + ": "), "the message names the file: \(error)", file: file, line: line)
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
        return nil
    }

    // MARK: - Non-finite values

    func testFiniteTinyCheckpointsLoadInEveryFormat() throws {
        let values: [Float] = [0.5, -2, 1e-30, 3e38]
        let files = [
            try write(TinyCheckpoint.safetensors([.float32("conv.weight", values)]), as: "w.safetensors"),
            try write(TinyCheckpoint.torchZip(name: "conv.weight", values: values), as: "w-zip.pth"),
            try write(TinyCheckpoint.legacyTorch(name: "conv.weight", values: values), as: "w-legacy.pth"),
        ]
        for path in files {
            XCTAssertEqual(try Checkpoint.load(path: path)["conv.weight"]?.data, values, path)
        }
    }

    func testNaNIsRefusedWithTheTensorsNameInEveryFormat() throws {
        let values: [Float] = [0.5, -2, .nan, 1]
        let files = [
            try write(TinyCheckpoint.safetensors([.float32("bn.bias", [1, 2]), .float32("layer1.0.conv1.weight", values)]),
                      as: "w.safetensors"),
            try write(TinyCheckpoint.torchZip(name: "layer1.0.conv1.weight", values: values), as: "w-zip.pth"),
            try write(TinyCheckpoint.legacyTorch(name: "layer1.0.conv1.weight", values: values), as: "w-legacy.pth"),
        ]
        for path in files {
            let error = refusal(path)
            XCTAssertEqual(error?.reason, .nonFiniteValue(tensor: "layer1.0.conv1.weight", element: 2, value: "nan"), path)
            XCTAssertTrue(error?.description.contains("tensor layer1.0.conv1.weight holds nan at element 2") ?? false, "\(String(describing: error))")
        }
    }

    func testInfinityIsRefusedAlsoWhenConversionMakesIt() throws {
        // float16 0xfc00 is -infinity; float64 1e300 does not fit a Float32 and would become +infinity.
        let half = TinyCheckpoint.Entry(name: "half", dtype: "F16", shape: [2], bytes: [0x00, 0x3c, 0x00, 0xfc])
        XCTAssertEqual(refusal(try write(TinyCheckpoint.safetensors([half]), as: "half.safetensors"))?.reason,
                       .nonFiniteValue(tensor: "half", element: 1, value: "-inf"))
        let double = TinyCheckpoint.Entry(name: "double", dtype: "F64", shape: [1],
                                          bytes: TinyCheckpoint.littleEndian((1e300 as Double).bitPattern))
        XCTAssertEqual(refusal(try write(TinyCheckpoint.safetensors([double]), as: "double.safetensors"))?.reason,
                       .nonFiniteValue(tensor: "double", element: 0, value: "inf"))
    }

    // MARK: - Published checkpoints

    func testAFileNamedAsThePublishedLite0MustHaveItsDigest() throws {
        // A valid checkpoint: it loads under any other name.
        let tiny = TinyCheckpoint.safetensors([.float32("conv.weight", [1, 2, 3])])
        XCTAssertNoThrow(try Checkpoint.load(path: try write(tiny, as: "mine.safetensors")))

        let path = try write(tiny, as: "efficientnet-lite0-57934424.pth")
        let actual = tiny.withUnsafeBytes { SHA256.hex(of: $0) }
        let error = refusal(path)
        XCTAssertEqual(error?.reason, .notThePublishedFile(.efficientNetLite0, evidence: "its name", actualSHA256: actual))
        let message = error?.description ?? ""
        for expected in [actual, PublishedCheckpoint.efficientNetLite0.sha256, "./dev setup", "pass the right file"] {
            XCTAssertTrue(message.contains(expected), "'\(message)' does not say '\(expected)'")
        }
    }

    func testTorchvisionNamesClaimTheirDigestPrefix() throws {
        let tiny = TinyCheckpoint.torchZip(name: "conv1.weight", values: [1])
        let error = refusal(try write(tiny, as: "resnet18-f37072fd.pth"))
        guard case .notThePublishedFile(let published, _, _)? = error?.reason else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(published.sha256, "f37072fd")
        XCTAssertTrue(published.matches(sha256: "f37072fd" + String(repeating: "0", count: 56)))
        XCTAssertFalse(published.matches(sha256: "f37072fe" + String(repeating: "0", count: 56)))
        XCTAssertTrue(error?.description.contains("https://download.pytorch.org/models/resnet18-f37072fd.pth") ?? false)
    }

    /// The real weights (`./dev setup`): intact they pass and their digest is
    /// kept; a copy with one changed bit is refused under the published name
    /// and, by its first bytes, under any other name.
    func testRealLite0IsVerifiedAndADamagedCopyRefusedUnderAnyName() throws {
        let original = try WeightsLocator.efficientNetLite0(explicit: nil)
        XCTAssertEqual(try Checkpoint.loadVerifyingPublished(path: original).sha256, PublishedCheckpoint.efficientNetLite0.sha256)

        var bytes = try Data(contentsOf: URL(fileURLWithPath: original))
        let weight = try XCTUnwrap(Checkpoint.load(path: original)["_blocks.15._bn0.weight"]?.data.first)
        let at = try XCTUnwrap(bytes.firstRange(of: Data(TinyCheckpoint.littleEndian(weight.bitPattern)))).lowerBound
        bytes[at] ^= 1   // lowest mantissa bit: still a finite, plausible weight
        for (name, evidence) in [(PublishedCheckpoint.efficientNetLite0.fileName, "its name"), ("lite0-copy.pth", "its first 47176 bytes")] {
            let error = refusal(try write(bytes, as: name))
            guard case .notThePublishedFile(let published, let said, _)? = error?.reason else { return XCTFail("\(name): \(String(describing: error))") }
            XCTAssertEqual(published, .efficientNetLite0, name)
            XCTAssertEqual(said, evidence, name)
        }
        // Damage in the leading bytes loses the claim; what that breaks is refused on its own account.
        var header = try Data(contentsOf: URL(fileURLWithPath: original))
        // The key list pickle ends `<last key>`, LONG_BINPUT (5 bytes), APPENDS, STOP, then the first
        // record's element count (8 bytes) and its data: change the last digit of the last key.
        header[at - 16] ^= 1
        let headerError = refusal(try write(header, as: "lite0-header.pth"))
        guard case .malformedPickle(let why)? = headerError?.reason, why.hasSuffix("is listed but no tensor uses it") else {
            return XCTFail("\(String(describing: headerError))")
        }
    }
}
