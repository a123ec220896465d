import Foundation
import XCTest

/// Where tests find their data. What checks Speck's own correctness is in the
/// repository, under `Tests/Fixtures`. What cannot be (the licensed MVTec AD and
/// MPDD images, the 11-23 MB random-weight ResNet checkpoints) stays in the
/// team's shared folder: `$SPECK_SHARED`, else `<repository>/../shared`.
public enum TestData {
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A file under `Tests/Fixtures`.
    public static func fixture(_ relative: String) -> String {
        repository.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative).path
    }

    public static var sharedFolder: URL {
        if let path = ProcessInfo.processInfo.environment["SPECK_SHARED"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return repository.deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// The reason every shared-data test gives when it skips; `./dev test` counts these.
    public static let skipReason = "needs ../shared or SPECK_SHARED"

    /// A file or folder under the shared folder. When it is missing the test
    /// skips, or fails under `SPECK_REQUIRE_SHARED=1` (CI, where every test must run).
    public static func shared(_ relative: String) throws -> String {
        let path = sharedFolder.appendingPathComponent(relative).path
        if FileManager.default.fileExists(atPath: path) { return path }
        if ProcessInfo.processInfo.environment["SPECK_REQUIRE_SHARED"] == "1" {
            throw MissingSharedData(description: "SPECK_REQUIRE_SHARED=1 but \(path) is missing (\(skipReason))")
        }
        throw XCTSkip("\(skipReason) (no \(path))")
    }
}

public struct MissingSharedData: Error, CustomStringConvertible {
    public let description: String
}
