/// The tiles covering one image: along each axis tiles start every
/// `tile - overlap` pixels and the last one is moved back to end on the
/// border, so every tile has the same size, every pixel is covered and
/// neighbours share at least `overlap` pixels. An axis shorter than the tile
/// is one tile as long as the axis.
public struct TileLayout: Sendable, Equatable {
    public struct Rect: Sendable, Equatable {
        public var x: Int, y: Int, width: Int, height: Int
    }

    public let width: Int
    public let height: Int
    public let tileWidth: Int
    public let tileHeight: Int
    public let columns: [Int]
    public let rows: [Int]

    public init(width: Int, height: Int, tile: Int, overlap: Int) {
        self.width = width
        self.height = height
        tileWidth = min(tile, width)
        tileHeight = min(tile, height)
        columns = Self.starts(length: width, tile: tileWidth, step: max(1, tile - overlap))
        rows = Self.starts(length: height, tile: tileHeight, step: max(1, tile - overlap))
    }

    /// Row by row, left to right.
    public var rects: [Rect] {
        rows.flatMap { y in columns.map { x in Rect(x: x, y: y, width: tileWidth, height: tileHeight) } }
    }

    public var count: Int { rows.count * columns.count }

    private static func starts(length: Int, tile: Int, step: Int) -> [Int] {
        var starts = [0]
        while starts.last! + tile < length {
            starts.append(min(starts.last! + step, length - tile))
        }
        return starts
    }
}
