/// Where the zoomed view puts its picture and which image point each cell
/// shows: one geometry for drawing and for pointing with the mouse.
public struct ZoomedPicture: Sendable, Equatable {
    /// The part of the image shown, in image pixels.
    public let windowX: Int, windowY: Int, windowWidth: Int, windowHeight: Int
    /// The picture's size in half-block pixels and its top-left cell.
    public let pixelWidth: Int, pixelHeight: Int
    public let left: Int, top: Int

    /// The picture of an `imageWidth` x `imageHeight` image at `level`, centred on the zoom's spot.
    public init(imageWidth: Int, imageHeight: Int, inner: Rect, level: ZoomLevel, centreX: Double, centreY: Double) {
        if let scale = level.scale {
            let viewport = Viewport(imageWidth: imageWidth, imageHeight: imageHeight, columns: inner.width, rows: inner.height,
                                    scale: scale, centreX: centreX, centreY: centreY)
            (windowX, windowY, windowWidth, windowHeight) = (viewport.x, viewport.y, viewport.width, viewport.height)
            (pixelWidth, pixelHeight) = (viewport.outputWidth, viewport.outputHeight)
        } else {
            let fitting = PaneFitting(imageWidth: imageWidth, imageHeight: imageHeight, columns: inner.width, rows: inner.height)
            (windowX, windowY, windowWidth, windowHeight) = (0, 0, imageWidth, imageHeight)
            (pixelWidth, pixelHeight) = (fitting.pixelWidth, fitting.pixelHeight)
        }
        (left, top) = Self.origin(inner: inner, pixelWidth: pixelWidth, pixelHeight: pixelHeight)
    }

    /// Centred in the pane (a cell holds two pixels, one above the other).
    public static func origin(inner: Rect, pixelWidth: Int, pixelHeight: Int) -> (x: Int, y: Int) {
        (inner.x + max(0, (inner.width - pixelWidth) / 2), inner.y + max(0, (inner.height - pixelHeight / 2) / 2))
    }

    /// The image point (in pixels) at the middle of a cell, or nil off the picture.
    public func imagePoint(column: Int, row: Int) -> (x: Double, y: Double)? {
        let outputX = Double(column - left) + 0.5, outputY = 2 * Double(row - top) + 1
        guard pixelWidth > 0, pixelHeight > 0, outputX >= 0, outputX < Double(pixelWidth),
              outputY >= 0, outputY < Double(pixelHeight) else { return nil }
        return (Double(windowX) + outputX * Double(windowWidth) / Double(pixelWidth),
                Double(windowY) + outputY * Double(windowHeight) / Double(pixelHeight))
    }
}
