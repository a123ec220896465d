import Foundation
import SpeckBackbones
import XCTest
@testable import SpeckDetectors

/// A model file records the digest of the backbone weights it was fitted
/// with; when that is a published checkpoint's, other weights are refused
/// with the file, both digests and what to do.
final class RecordedWeightsTests: XCTestCase {
    func testModelFittedWithPublishedLite0RefusesADamagedCopy() throws {
        let original = try WeightsLocator.efficientNetLite0(explicit: nil)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: original))
        // Other weights of the same network: the lowest mantissa bit of the last weight changed, and the
        // system info pickle's `little_endian` True (which Speck does not read) made False, so that the copy
        // loads and does not carry the published file's first bytes either.
        bytes[bytes.count - 4] ^= 1
        let flag = try XCTUnwrap(bytes.firstRange(of: Data("little_endian".utf8))).upperBound + 2   // after BINPUT n
        XCTAssertEqual(bytes[flag], 0x88)   // NEWTRUE
        bytes[flag] = 0x89                  // NEWFALSE
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("speck-lite0-copy-\(UUID().uuidString).pth")
        try bytes.write(to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let published = PublishedCheckpoint.efficientNetLite0

        var intact = DetectorConfiguration(detector: "patchcore", backbone: "efficientnet-lite0", weightsSHA256: published.sha256)
        XCTAssertNoThrow(try BackboneFeatures.loadBackbone(for: &intact, resources: DetectorResources(weightsPath: original)))

        var unrecorded = DetectorConfiguration(detector: "patchcore", backbone: "efficientnet-lite0")
        XCTAssertNoThrow(try BackboneFeatures.loadBackbone(for: &unrecorded, resources: DetectorResources(weightsPath: copy.path)),
                         "the copy claims nothing by itself")

        var configuration = intact
        XCTAssertThrowsError(try BackboneFeatures.loadBackbone(for: &configuration, resources: DetectorResources(weightsPath: copy.path))) {
            XCTAssertTrue($0 is DetectorError, "refused for the model's record, not by the checkpoint reader: \($0)")
            let message = "\($0)"
            for expected in [copy.path, published.fileName, published.sha256, try! SHA256.hex(ofFile: copy.path), "./dev setup"] {
                XCTAssertTrue(message.contains(expected), "'\(message)' does not say '\(expected)'")
            }
        }
    }
}
