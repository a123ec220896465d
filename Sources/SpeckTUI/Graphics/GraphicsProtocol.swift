/// How the image pane is drawn: real pixels through one of three terminal
/// image protocols, or ▀ half-blocks (any terminal, tmux, NO_COLOR).
public enum GraphicsProtocol: String, Sendable, CaseIterable {
    case kitty
    case sixel
    case iterm
    case blocks

    /// Whether pictures leave the text grid (everything but half-blocks).
    public var sendsPixels: Bool { self != .blocks }

    /// Parses a `--graphics` / config value: a protocol, or nil for "auto".
    /// Throws on anything else, naming the accepted values.
    public static func setting(_ text: String) throws -> GraphicsProtocol? {
        let value = text.lowercased()
        if value == "auto" { return nil }
        guard let known = GraphicsProtocol(rawValue: value) else { throw GraphicsSettingError(value: text) }
        return known
    }
}

public struct GraphicsSettingError: Error, CustomStringConvertible {
    public let value: String
    public var description: String { "unknown graphics mode '\(value)' (auto, kitty, sixel, iterm or blocks)" }
}
