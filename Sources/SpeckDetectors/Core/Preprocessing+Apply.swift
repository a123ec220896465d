import SpeckImaging

extension Preprocessing {
    /// What the detector sees: the image resized as `fit` says (antialiased
    /// bilinear), then the optional centre crop; always three channels (grey
    /// is replicated). Tiling is not applied here: each tile goes through this.
    public func apply(to image: Image) -> Image {
        var result = image.asRGB()
        switch fit {
        case .stretch:
            if result.width != resize || result.height != resize {
                result = result.resized(width: resize, height: resize)
            }
        case .shorter:
            if min(result.width, result.height) != resize { result = result.resizedShorterSide(to: resize) }
        case .pad:
            result = padded(result, with: 0)
        }
        return cropped(result)
    }

    /// A ground-truth mask on the same grid, resized by nearest neighbour so
    /// labels are not blended: true where the mask is non-zero.
    public func applyToMask(_ mask: Image) -> [Bool] {
        var result = mask.channels == 1 ? mask : mask.asGrey()
        switch fit {
        case .stretch:
            if result.width != resize || result.height != resize {
                result = result.resizedNearest(width: resize, height: resize)
            }
        case .shorter:
            let size = Self.shorterSideSize(width: result.width, height: result.height, side: resize)
            if size.width != result.width || size.height != result.height {
                result = result.resizedNearest(width: size.width, height: size.height)
            }
        case .pad:
            result = padded(result, with: 0, nearest: true)
        }
        return cropped(result).pixels.map { $0 > 0.5 }
    }

    /// Size of `apply(to:)`'s result for a `width` x `height` image.
    public func outputSize(width: Int, height: Int) -> (width: Int, height: Int) {
        if let crop { return (crop, crop) }
        guard fit == .shorter else { return (resize, resize) }
        return Self.shorterSideSize(width: width, height: height, side: resize)
    }

    /// Whether every image comes out as the same square, whatever its aspect.
    public var alwaysSquare: Bool { fit != .shorter || crop != nil }

    /// Where a `width` x `height` image lies inside the padded square.
    public func padContent(width: Int, height: Int) -> TileLayout.Rect {
        let long = max(width, height)
        let scaledWidth = max(1, Int((Double(resize * width) / Double(long)).rounded()))
        let scaledHeight = max(1, Int((Double(resize * height) / Double(long)).rounded()))
        return TileLayout.Rect(x: (resize - scaledWidth) / 2, y: (resize - scaledHeight) / 2,
                               width: scaledWidth, height: scaledHeight)
    }

    /// Checks the sizes make sense before any work is done; names the flag at fault.
    public func validate() throws {
        guard resize >= 8, resize <= 4096 else {
            throw DetectorError.invalidParameter("--resize \(resize): expected 8...4096 pixels")
        }
        if let crop, crop < 8 || crop > resize {
            throw DetectorError.invalidParameter("--crop \(crop): expected 8...\(resize) (at most the resize)")
        }
        if crop != nil, fit == .pad {
            throw DetectorError.invalidParameter("--crop with --fit pad would cut away the image the padding keeps whole: leave out --crop")
        }
        if let tiling {
            try tiling.validate()
            if crop != nil {
                throw DetectorError.invalidParameter("--crop with --tile would leave the tiles' borders unscored: leave out --crop")
            }
            if fit != .stretch {
                throw DetectorError.invalidParameter("--fit \(fit.rawValue) with --tile: tiles are resized whole (--fit stretch); the tiles keep the image's aspect")
            }
        }
    }

    /// torchvision's `Resize(int)` size rule, as `Image.resizedShorterSide`.
    static func shorterSideSize(width: Int, height: Int, side: Int) -> (width: Int, height: Int) {
        if width == height { return (side, side) }
        let long = Int(Double(side * max(width, height)) / Double(min(width, height)))
        return width < height ? (side, long) : (long, side)
    }

    private func padded(_ image: Image, with fill: Float, nearest: Bool = false) -> Image {
        let content = padContent(width: image.width, height: image.height)
        let scaled = content.width == image.width && content.height == image.height ? image
            : nearest ? image.resizedNearest(width: content.width, height: content.height)
            : image.resized(width: content.width, height: content.height)
        var square = Image(width: resize, height: resize, channels: image.channels, fill: fill)
        for c in 0..<image.channels {
            for y in 0..<content.height {
                let from = c * scaled.planeSize + y * content.width
                let to = c * square.planeSize + (y + content.y) * resize + content.x
                square.pixels.replaceSubrange(to..<(to + content.width), with: scaled.pixels[from..<(from + content.width)])
            }
        }
        return square
    }

    private func cropped(_ image: Image) -> Image {
        guard let crop, crop < image.width || crop < image.height else { return image }
        return image.centreCropped(width: min(crop, image.width), height: min(crop, image.height))
    }
}
