/// Where the detector's input (the preprocessed picture) lies on the original
/// image. Resize, centre crop, padding and a tile's offset are each a scale and
/// a shift per axis, so one affine map covers them all:
/// original = origin + input * scale.
public struct InputFrame: Sendable, Equatable {
    public var inputWidth: Int
    public var inputHeight: Int
    public var originX: Double
    public var originY: Double
    public var scaleX: Double
    public var scaleY: Double

    /// The frame of a `width` x `height` image, or of its `tile`, as `Preprocessing.apply` treats it.
    public init(_ preprocessing: Preprocessing, imageWidth: Int, imageHeight: Int, tile: TileLayout.Rect? = nil) {
        let width = tile?.width ?? imageWidth, height = tile?.height ?? imageHeight
        let resize = preprocessing.resize
        // The resized picture's size and where the image's content starts in it (padding).
        var resized = (width: resize, height: resize)
        var content = TileLayout.Rect(x: 0, y: 0, width: resize, height: resize)
        switch preprocessing.fit {
        case .stretch: break
        case .shorter:
            resized = Preprocessing.shorterSideSize(width: width, height: height, side: resize)
            content = TileLayout.Rect(x: 0, y: 0, width: resized.width, height: resized.height)
        case .pad:
            content = preprocessing.padContent(width: width, height: height)
        }
        // The centre crop, as `Image.centreCropped` rounds it.
        var cropLeft = 0, cropTop = 0
        var input = resized
        if let crop = preprocessing.crop, crop < resized.width || crop < resized.height {
            input = (min(crop, resized.width), min(crop, resized.height))
            cropLeft = Int((Double(resized.width - input.width) / 2).rounded(.toNearestOrEven))
            cropTop = Int((Double(resized.height - input.height) / 2).rounded(.toNearestOrEven))
        }
        inputWidth = input.width
        inputHeight = input.height
        scaleX = Double(width) / Double(content.width)
        scaleY = Double(height) / Double(content.height)
        originX = Double(cropLeft - content.x) * scaleX + Double(tile?.x ?? 0)
        originY = Double(cropTop - content.y) * scaleY + Double(tile?.y ?? 0)
    }

    public func original(x: Double, y: Double) -> (x: Double, y: Double) {
        (originX + x * scaleX, originY + y * scaleY)
    }

    public func input(x: Double, y: Double) -> (x: Double, y: Double) {
        ((x - originX) / scaleX, (y - originY) / scaleY)
    }

    /// The original-image pixels under cell (`x`, `y`) of a `gridWidth` x `gridHeight` patch grid on the input.
    public func box(cellX x: Int, y: Int, gridWidth: Int, gridHeight: Int) -> PixelBox {
        let cellWidth = Double(inputWidth) / Double(gridWidth), cellHeight = Double(inputHeight) / Double(gridHeight)
        let from = original(x: Double(x) * cellWidth, y: Double(y) * cellHeight)
        let to = original(x: Double(x + 1) * cellWidth, y: Double(y + 1) * cellHeight)
        let left = Int(from.x.rounded(.down)), top = Int(from.y.rounded(.down))
        return PixelBox(x: left, y: top, width: max(1, Int(to.x.rounded(.up)) - left), height: max(1, Int(to.y.rounded(.up)) - top))
    }

    /// The cell of a `gridWidth` x `gridHeight` grid under an original-image point (clamped to the grid).
    public func cell(x: Double, y: Double, gridWidth: Int, gridHeight: Int) -> (x: Int, y: Int) {
        let at = input(x: x, y: y)
        let cx = Int((at.x * Double(gridWidth) / Double(inputWidth)).rounded(.down))
        let cy = Int((at.y * Double(gridHeight) / Double(inputHeight)).rounded(.down))
        return (min(gridWidth - 1, max(0, cx)), min(gridHeight - 1, max(0, cy)))
    }
}

/// A rectangle of original-image pixels.
public struct PixelBox: Sendable, Equatable, CustomStringConvertible {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var description: String { "x \(x)..\(x + width - 1) y \(y)..\(y + height - 1)" }

    /// `factor` times as large around the same centre, moved (and if need be shrunk) to lie inside `width` x `height`.
    public func widened(by factor: Double, within imageWidth: Int, _ imageHeight: Int) -> PixelBox {
        let w = min(imageWidth, max(1, Int((Double(width) * factor).rounded())))
        let h = min(imageHeight, max(1, Int((Double(height) * factor).rounded())))
        let cx = Double(x) + Double(width) / 2, cy = Double(y) + Double(height) / 2
        let left = min(imageWidth - w, max(0, Int((cx - Double(w) / 2).rounded())))
        let top = min(imageHeight - h, max(0, Int((cy - Double(h) / 2).rounded())))
        return PixelBox(x: left, y: top, width: w, height: h)
    }

    /// The part inside a `width` x `height` image (boxes of padded borders reach past it).
    public func clipped(to imageWidth: Int, _ imageHeight: Int) -> PixelBox {
        let left = min(max(0, x), imageWidth - 1), top = min(max(0, y), imageHeight - 1)
        let right = max(left + 1, min(imageWidth, x + width)), bottom = max(top + 1, min(imageHeight, y + height))
        return PixelBox(x: left, y: top, width: right - left, height: bottom - top)
    }
}
