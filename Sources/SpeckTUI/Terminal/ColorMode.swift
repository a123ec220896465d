/// What the terminal can show, best first.
public enum ColorMode: String, Sendable, CaseIterable {
    /// 24-bit colour (direct-colour terminfo).
    case truecolor
    /// The xterm 256-colour palette (we use its 240 fixed entries, as chafa's 240 mode).
    case palette256
    /// The 16 ANSI colours.
    case palette16
    /// No colour at all (NO_COLOR or a monochrome terminal): shade characters instead.
    case mono

    /// Picks the mode from the environment and what the loaded terminfo entry says.
    /// NO_COLOR (any non-empty value, see no-color.org) wins over everything.
    public static func detect(environment: [String: String], terminfoColors: Int, terminfoDirect: Bool) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .mono }
        if terminfoDirect { return .truecolor }
        if terminfoColors >= 256 { return .palette256 }
        if terminfoColors >= 8 { return .palette16 }
        return .mono
    }

    /// Whether the environment asks for 24-bit colour even if $TERM's entry lacks it.
    public static func environmentWantsTruecolor(_ environment: [String: String]) -> Bool {
        let value = environment["COLORTERM"]?.lowercased() ?? ""
        return value == "truecolor" || value == "24bit"
    }
}
