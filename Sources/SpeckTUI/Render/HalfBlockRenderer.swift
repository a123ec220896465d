/// Draws a pixel grid with ▀: the top pixel is the foreground colour, the
/// bottom pixel the background. Without colour (NO_COLOR) each cell gets a
/// shade character for the mean brightness of its two pixels instead.
public struct HalfBlockRenderer: Sendable {
    public let colorMode: ColorMode
    /// With terminal graphics on: notes where each picture went, to put real pixels there.
    public let log: PictureLog?

    public init(colorMode: ColorMode, log: PictureLog? = nil) {
        self.colorMode = colorMode
        self.log = log
    }

    static let shades: [Unicode.Scalar] = [" ", "░", "▒", "▓", "█"]

    public func draw(_ grid: PixelGrid, into buffer: inout ScreenBuffer, at x: Int, y: Int, monoStyle: Style) {
        log?.record(Rect(x: x, y: y, width: grid.width, height: grid.height / 2))
        for row in 0..<grid.height / 2 {
            for column in 0..<grid.width {
                let top = grid[column, 2 * row], bottom = grid[column, 2 * row + 1]
                let cell: Cell
                if colorMode == .mono {
                    let level = (top.luminance + bottom.luminance) / 2
                    let index = min(Self.shades.count - 1, Int(level * Float(Self.shades.count)))
                    cell = Cell(Self.shades[index], monoStyle)
                } else {
                    cell = Cell("▀", Style(foreground: top, background: bottom))
                }
                buffer[x + column, y + row] = cell
            }
        }
    }
}
