extension PixelGrid {
    /// Nearest-neighbour resampling: zoomed pictures show each image pixel as a sharp block.
    func resizedNearest(width newWidth: Int, height newHeight: Int) -> PixelGrid {
        if newWidth == width, newHeight == height { return self }
        var out = PixelGrid(width: newWidth, height: newHeight)
        guard width > 0, height > 0 else { return out }
        let columns = (0..<newWidth).map { min(width - 1, $0 * width / newWidth) }
        for y in 0..<newHeight {
            let sourceRow = min(height - 1, y * height / newHeight) * width
            for x in 0..<newWidth { out.pixels[y * newWidth + x] = pixels[sourceRow + columns[x]] }
        }
        return out
    }

    /// At most `maxSide` pixels across and down, the aspect kept (unchanged when it fits).
    func fitting(maxSide: Int) -> PixelGrid {
        guard width > maxSide || height > maxSide else { return self }
        let size = Self.fittedSize(width: width, height: height, into: maxSide, maxSide)
        return resizedNearest(width: size.width, height: size.height)
    }

    /// The largest size of a `width` x `height` picture's aspect inside a box (rounded, at least 1x1).
    static func fittedSize(width: Int, height: Int, into boxWidth: Int, _ boxHeight: Int) -> (width: Int, height: Int) {
        let scale = min(Double(boxWidth) / Double(width), Double(boxHeight) / Double(height))
        return (max(1, min(boxWidth, Int((Double(width) * scale).rounded()))),
                max(1, min(boxHeight, Int((Double(height) * scale).rounded()))))
    }

    /// This picture in the middle of a `boxWidth` x `boxHeight` canvas of `fill`: kitty and
    /// iTerm2 stretch a picture to its cells, whose shape is not always 1:2, so the canvas
    /// is the cells' shape and the picture keeps its own.
    func centred(inWidth boxWidth: Int, height boxHeight: Int, fill: RGB) -> PixelGrid {
        if boxWidth == width, boxHeight == height { return self }
        var out = PixelGrid(width: boxWidth, height: boxHeight, fill: fill)
        let left = max(0, (boxWidth - width) / 2), top = max(0, (boxHeight - height) / 2)
        for y in 0..<min(height, boxHeight) {
            for x in 0..<min(width, boxWidth) { out.pixels[(top + y) * boxWidth + left + x] = pixels[y * width + x] }
        }
        return out
    }

    /// A content hash, to skip re-sending a picture that came out the same.
    var contentHash: Int {
        var hasher = Hasher()
        hasher.combine(width)
        hasher.combine(height)
        pixels.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }
}
