import Foundation
import TOMLKit

/// The user's config file, `~/.config/speck/config.toml` (or $SPECK_CONFIG):
///
///     [graphics]
///     protocol = "auto"   # auto, kitty, sixel, iterm or blocks
///
/// `--graphics` wins over it, and it wins over detection.
public struct GraphicsConfig: Sendable {
    /// The protocol asked for; nil for auto (or no file).
    public var forced: GraphicsProtocol?
    public var path: String?

    private struct File: Decodable {
        struct Graphics: Decodable { var `protocol`: String? }
        var graphics: Graphics?
    }

    public static func path(environment: [String: String]) -> String {
        if let explicit = environment["SPECK_CONFIG"] { return explicit }
        let home = environment["XDG_CONFIG_HOME"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        return home.appendingPathComponent("speck/config.toml").path
    }

    /// No file: auto. A file that cannot be read or says something unknown: an error naming the file and the reason.
    public static func load(environment: [String: String]) throws -> GraphicsConfig {
        let path = path(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else { return GraphicsConfig(forced: nil, path: nil) }
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let file = try TOMLDecoder().decode(File.self, from: text)
            let forced = try file.graphics?.protocol.flatMap { try GraphicsProtocol.setting($0) }
            return GraphicsConfig(forced: forced, path: path)
        } catch let error as GraphicsSettingError {
            throw GraphicsConfigError(path: path, reason: "graphics.protocol: \(error.description)")
        } catch {
            throw GraphicsConfigError(path: path, reason: ThemeLoader.reason(error))
        }
    }
}

public struct GraphicsConfigError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): \(reason)" }
}
