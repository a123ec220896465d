/// Tiles of the original image (`--tile N --tile-overlap M`, both in pixels of
/// the decoded image, before any resize): one model learns from the tiles of
/// every training image, scoring runs each tile and stitches the maps.
public struct Tiling: Codable, Sendable, Equatable {
    public var tile: Int
    public var overlap: Int

    public init(tile: Int, overlap: Int = 0) {
        self.tile = tile
        self.overlap = overlap
    }

    /// Checks the sizes make sense before any work is done.
    public func validate() throws {
        guard tile >= 16, tile <= 16384 else {
            throw DetectorError.invalidParameter("--tile \(tile): expected 16...16384 pixels of the original image")
        }
        guard overlap >= 0, overlap <= tile / 2 else {
            throw DetectorError.invalidParameter("--tile-overlap \(overlap): expected 0...\(tile / 2) (at most half the tile)")
        }
    }

    /// Where the tiles of a `width` x `height` image lie.
    public func layout(width: Int, height: Int) -> TileLayout {
        TileLayout(width: width, height: height, tile: tile, overlap: overlap)
    }
}
