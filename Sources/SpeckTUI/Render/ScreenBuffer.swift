/// The frame being drawn: a grid of cells that panels write into and the
/// terminal copies out. Drawing into memory first keeps panels free of
/// terminal calls, so they can be tested, and lets the terminal send only
/// the cells that changed.
public struct ScreenBuffer: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Style) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(" ", fill), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    public mutating func fill(_ rect: Rect, style: Style, character: Unicode.Scalar = " ") {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { cells[y * width + x] = Cell(character, style) }
        }
    }

    /// Writes `text` from (x, y), clipped to `maxWidth` cells and the buffer.
    /// Characters that do not take exactly one cell are shown as "?" so the
    /// grid never shifts. Returns the number of cells written.
    @discardableResult
    public mutating func text(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        let limit = min(maxWidth ?? Int.max, width - x)
        var column = 0
        for scalar in text.unicodeScalars {
            guard column < limit else { break }
            if x + column >= 0 { cells[y * width + x + column] = Cell(CellWidth.printable(scalar), style) }
            column += 1
        }
        return max(0, column)
    }

    /// Writes `text` padded with spaces (or clipped) to exactly `width` cells.
    public mutating func paddedText(_ text: String, x: Int, y: Int, width: Int, style: Style) {
        let written = self.text(text, x: x, y: y, style: style, maxWidth: width)
        if written < width { fill(Rect(x: x + written, y: y, width: width - written, height: 1), style: style) }
    }

    /// A single-line box around `rect` with an optional title in the top edge.
    public mutating func box(_ rect: Rect, style: Style, title: String? = nil, titleStyle: Style? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        for x in rect.x + 1..<rect.maxX - 1 {
            self[x, rect.y] = Cell("─", style)
            self[x, rect.maxY - 1] = Cell("─", style)
        }
        for y in rect.y + 1..<rect.maxY - 1 {
            self[rect.x, y] = Cell("│", style)
            self[rect.maxX - 1, y] = Cell("│", style)
        }
        self[rect.x, rect.y] = Cell("╭", style)
        self[rect.maxX - 1, rect.y] = Cell("╮", style)
        self[rect.x, rect.maxY - 1] = Cell("╰", style)
        self[rect.maxX - 1, rect.maxY - 1] = Cell("╯", style)
        if let title, rect.width > 4 {
            text(" \(TextFit.abbreviate(title, width: rect.width - 4)) ", x: rect.x + 1, y: rect.y, style: titleStyle ?? style)
        }
    }

    /// The plain text of one row (tests and text captures).
    public func row(_ y: Int) -> String {
        String(String.UnicodeScalarView(cells[y * width..<(y + 1) * width].map(\.character)))
    }
}
