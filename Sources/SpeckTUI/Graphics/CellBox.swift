/// Where a picture sits on screen, in cells (top-left corner and size).
public struct CellBox: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var columns: Int
    public var rows: Int

    public init(x: Int, y: Int, columns: Int, rows: Int) {
        self.x = x
        self.y = y
        self.columns = columns
        self.rows = rows
    }

    public var rect: Rect { Rect(x: x, y: y, width: columns, height: rows) }

    /// The picture's size in device pixels for a given cell size.
    public func pixelSize(cell: CellPixelSize) -> (width: Int, height: Int) { (columns * cell.width, rows * cell.height) }
}
