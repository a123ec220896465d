/// How a cell looks: colours in RGB plus text attributes.
public struct Style: Hashable, Sendable {
    public var foreground: RGB
    public var background: RGB
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(foreground: RGB, background: RGB, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public func with(foreground: RGB) -> Style { var s = self; s.foreground = foreground; return s }
    public func with(background: RGB) -> Style { var s = self; s.background = background; return s }
    public var emphasised: Style { var s = self; s.bold = true; return s }
    public var inverted: Style { var s = self; s.reverse = true; return s }
}

/// One terminal cell.
public struct Cell: Hashable, Sendable {
    public var character: Unicode.Scalar
    public var style: Style

    public init(_ character: Unicode.Scalar, _ style: Style) {
        self.character = character
        self.style = style
    }
}
