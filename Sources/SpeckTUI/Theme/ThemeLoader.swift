import Foundation
import TOMLKit

/// Finds and reads themes: the project's `themes/*.toml` and the user's
/// `~/.config/speck/themes/*.toml` (a user theme with the same name wins).
/// A broken file is reported by name and reason and skipped; if nothing can
/// be read, `Theme.fallback` is used.
public struct ThemeLoader: Sendable {
    public struct Result: Sendable {
        public var themes: [Theme]
        public var problems: [String]
    }

    public let folders: [URL]

    public init(folders: [URL]) { self.folders = folders }

    /// The project themes next to the binary or the source tree, then the user's.
    public static func standardFolders(environment: [String: String] = ProcessInfo.processInfo.environment) -> [URL] {
        var folders: [URL] = []
        if let explicit = environment["SPECK_THEMES"] { folders.append(URL(fileURLWithPath: explicit)) }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // Walk up from the binary (.build/release/speck) to the checkout's themes/.
        for _ in 0..<5 {
            let candidate = directory.appendingPathComponent("themes")
            if FileManager.default.fileExists(atPath: candidate.path) { folders.append(candidate); break }
            directory = directory.deletingLastPathComponent()
        }
        let sourceThemes = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../themes").standardized
        if !folders.contains(sourceThemes), FileManager.default.fileExists(atPath: sourceThemes.path) { folders.append(sourceThemes) }
        let home = environment["XDG_CONFIG_HOME"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        folders.append(home.appendingPathComponent("speck/themes"))
        return folders
    }

    public func load() -> Result {
        var byName: [String: Theme] = [:]
        var order: [String] = []
        var problems: [String] = []
        for folder in folders {
            let files = (try? FileManager.default.contentsOfDirectory(at: folder.resolvingSymlinksInPath(), includingPropertiesForKeys: nil)) ?? []
            for file in files.filter({ $0.pathExtension == "toml" }).sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
                do {
                    let theme = try Self.parse(String(contentsOf: file, encoding: .utf8))
                    if byName[theme.name] == nil { order.append(theme.name) }
                    byName[theme.name] = theme
                } catch {
                    problems.append("theme \(file.path): \(Self.reason(error)); using the default")
                }
            }
        }
        let themes = order.compactMap { byName[$0] }
        return Result(themes: themes.isEmpty ? [.fallback] : themes, problems: problems)
    }

    public static func parse(_ text: String) throws -> Theme {
        let file = try TOMLDecoder().decode(ThemeFile.self, from: text)
        func colour(_ hex: String, _ key: String) throws -> RGB {
            guard let rgb = RGB(hex: hex) else { throw ThemeError.badColour(key: key, value: hex) }
            return rgb
        }
        let c = file.colors
        let heatmap: ColorMap
        if let stops = file.heatmap_stops {
            guard stops.count >= 2 else { throw ThemeError.badHeatmap("heatmap_stops needs at least two colours") }
            heatmap = ColorMap(name: "custom", stops: try stops.map { try colour($0, "heatmap_stops") })
        } else {
            let name = file.heatmap ?? "inferno"
            guard let map = ColorMap.named(name) else {
                throw ThemeError.badHeatmap("unknown heatmap '\(name)' (known: \(ColorMap.builtInNames.joined(separator: ", ")))")
            }
            heatmap = map
        }
        return Theme(
            name: file.name,
            background: try colour(c.background, "background"), foreground: try colour(c.foreground, "foreground"),
            muted: try colour(c.muted, "muted"), accent: try colour(c.accent, "accent"), border: try colour(c.border, "border"),
            selectionBackground: try colour(c.selection_background, "selection_background"),
            selectionForeground: try colour(c.selection_foreground, "selection_foreground"),
            normal: try colour(c.normal, "normal"), anomalous: try colour(c.anomalous, "anomalous"),
            warning: try colour(c.warning, "warning"),
            contourPredicted: try colour(c.contour_predicted, "contour_predicted"),
            contourTruth: try colour(c.contour_truth, "contour_truth"),
            heatmap: heatmap)
    }

    static func reason(_ error: Error) -> String {
        switch error {
        case let error as ThemeError: return error.description
        case let error as TOMLParseError: return "not valid TOML (line \(error.source.begin.line): \(error.description))"
        case DecodingError.keyNotFound(let key, let context):
            let path = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
            return "missing key '\(path)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type for '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
        default: return "\(error)"
        }
    }
}

enum ThemeError: Error, CustomStringConvertible {
    case badColour(key: String, value: String)
    case badHeatmap(String)

    var description: String {
        switch self {
        case .badColour(let key, let value): return "colour '\(key)' = '\(value)' is not #rrggbb"
        case .badHeatmap(let why): return why
        }
    }
}
