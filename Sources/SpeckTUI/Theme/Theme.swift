/// Colours of the workstation. Loaded from `themes/*.toml` (see `ThemeLoader`).
public struct Theme: Sendable, Equatable {
    public var name: String
    public var background: RGB
    public var foreground: RGB
    public var muted: RGB
    public var accent: RGB
    public var border: RGB
    public var selectionBackground: RGB
    public var selectionForeground: RGB
    public var normal: RGB
    public var anomalous: RGB
    public var warning: RGB
    public var contourPredicted: RGB
    public var contourTruth: RGB
    public var heatmap: ColorMap

    public var base: Style { Style(foreground: foreground, background: background) }
    public var dim: Style { Style(foreground: muted, background: background) }
    public var frame: Style { Style(foreground: border, background: background) }
    public var title: Style { Style(foreground: accent, background: background, bold: true) }
    public var selected: Style { Style(foreground: selectionForeground, background: selectionBackground, bold: true) }
    public var good: Style { Style(foreground: normal, background: background) }
    public var bad: Style { Style(foreground: anomalous, background: background, bold: true) }
    public var warn: Style { Style(foreground: warning, background: background, bold: true) }

    /// Used when no theme file can be read: the same colours as themes/dark.toml.
    public static let fallback = Theme(
        name: "dark",
        background: RGB(0x1a, 0x1b, 0x26), foreground: RGB(0xc0, 0xca, 0xf5), muted: RGB(0x73, 0x7a, 0xa2),
        accent: RGB(0x7a, 0xa2, 0xf7), border: RGB(0x41, 0x48, 0x68),
        selectionBackground: RGB(0x33, 0x46, 0x7c), selectionForeground: RGB(0xff, 0xff, 0xff),
        normal: RGB(0x9e, 0xce, 0x6a), anomalous: RGB(0xf7, 0x76, 0x8e), warning: RGB(0xe0, 0xaf, 0x68),
        contourPredicted: RGB(0xff, 0x3b, 0x3b), contourTruth: RGB(0x3b, 0xff, 0x8c),
        heatmap: ColorMap.named("inferno")!)
}
