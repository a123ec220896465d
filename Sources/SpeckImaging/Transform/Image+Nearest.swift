extension Image {
    /// Nearest-neighbour resize, for masks and labels whose values must not be blended.
    /// Source index = floor(i * in / out), as torch's `interpolate(mode='nearest')`.
    public func resizedNearest(width newWidth: Int, height newHeight: Int) -> Image {
        precondition(newWidth > 0 && newHeight > 0, "resize to an empty image")
        let columns = (0..<newWidth).map { min(Int(Double($0) * Double(width) / Double(newWidth)), width - 1) }
        let rows = (0..<newHeight).map { min(Int(Double($0) * Double(height) / Double(newHeight)), height - 1) }
        var out = [Float]()
        out.reserveCapacity(channels * newWidth * newHeight)
        for c in 0..<channels {
            for y in rows {
                let rowStart = c * planeSize + y * width
                for x in columns { out.append(pixels[rowStart + x]) }
            }
        }
        return Image(width: newWidth, height: newHeight, channels: channels, pixels: out)
    }
}
