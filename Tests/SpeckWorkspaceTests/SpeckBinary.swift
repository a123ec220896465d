import Foundation

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
}
