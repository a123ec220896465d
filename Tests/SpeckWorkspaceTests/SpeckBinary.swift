import Foundation
import SpeckTestSupport
import XCTest

/// The built `speck` executable: `$SPECK_BINARY` (set by `./dev test`), else
/// the one next to the test bundle (SwiftPM builds both into the same folder).
enum SpeckBinary {
    static func path() -> String? {
        if let path = ProcessInfo.processInfo.environment["SPECK_BINARY"], !path.isEmpty { return path }
        let candidates = [Bundle.main.bundleURL.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            .map { $0.appendingPathComponent("speck").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs the binary with `arguments`; its exit status and what it printed.
    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        guard let binary = path() else { throw XCTSkip("build speck first or set SPECK_BINARY") }
        let finished = try ChildProcess.run(binary, arguments)
        return (finished.status, finished.out, finished.err)
    }
}
