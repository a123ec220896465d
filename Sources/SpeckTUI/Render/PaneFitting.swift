/// Fits an image into a pane of terminal cells. With ▀ half-blocks a cell
/// holds two vertically stacked pixels, and terminal cells are about twice
/// as tall as wide, so each pixel is square: the image keeps its aspect
/// ratio when scaled uniformly into `columns` x `2 * rows` pixels.
public struct PaneFitting: Sendable, Equatable {
    /// Pixel-grid size (width in cells, height in half-cells).
    public let pixelWidth: Int
    public let pixelHeight: Int
    /// Offset of the picture inside the pane, in cells, to centre it.
    public let cellOffsetX: Int
    public let cellOffsetY: Int

    public init(imageWidth: Int, imageHeight: Int, columns: Int, rows: Int) {
        guard imageWidth > 0, imageHeight > 0, columns > 0, rows > 0 else {
            (pixelWidth, pixelHeight, cellOffsetX, cellOffsetY) = (0, 0, 0, 0)
            return
        }
        let scale = min(Double(columns) / Double(imageWidth), Double(2 * rows) / Double(imageHeight))
        pixelWidth = max(1, min(columns, Int((Double(imageWidth) * scale).rounded())))
        // Round the height to whole cells so no half-filled row is left over.
        let height = max(2, min(2 * rows, Int((Double(imageHeight) * scale).rounded())))
        pixelHeight = height + height % 2
        cellOffsetX = (columns - pixelWidth) / 2
        cellOffsetY = (rows - pixelHeight / 2) / 2
    }
}
