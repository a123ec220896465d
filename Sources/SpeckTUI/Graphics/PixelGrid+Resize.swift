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

    /// A content hash, to skip re-sending a picture that came out the same.
    var contentHash: Int {
        var hasher = Hasher()
        hasher.combine(width)
        hasher.combine(height)
        pixels.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }
}
