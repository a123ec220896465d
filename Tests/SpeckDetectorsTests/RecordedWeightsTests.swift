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
        bytes[bytes.count - 4] ^= 1   // lowest mantissa bit of the last weight: the copy still loads
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("speck-lite0-copy-\(UUID().uuidString).pth")
        try bytes.write(to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let published = PublishedCheckpoint.efficientNetLite0

        var intact = DetectorConfiguration(detector: "patchcore", backbone: "efficientnet-lite0", weightsSHA256: published.sha256)
        XCTAssertNoThrow(try BackboneFeatures.loadBackbone(for: &intact, resources: DetectorResources(weightsPath: original)))

        var configuration = intact
        XCTAssertThrowsError(try BackboneFeatures.loadBackbone(for: &configuration, resources: DetectorResources(weightsPath: copy.path))) {
            let message = "\($0)"
            for expected in [copy.path, published.fileName, published.sha256, try! SHA256.hex(ofFile: copy.path), "./dev setup"] {
                XCTAssertTrue(message.contains(expected), "'\(message)' does not say '\(expected)'")
            }
        }
    }
}
