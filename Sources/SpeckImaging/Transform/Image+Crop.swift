extension Image {
    /// The centred `width` x `height` window, placed as torchvision's CenterCrop does:
    /// top = round((H - h) / 2) with Python's round-half-to-even, left likewise.
    public func centreCropped(width cropWidth: Int, height cropHeight: Int) -> Image {
        precondition(cropWidth <= width && cropHeight <= height, "crop larger than the image")
        let top = Int((Double(height - cropHeight) / 2).rounded(.toNearestOrEven))
        let left = Int((Double(width - cropWidth) / 2).rounded(.toNearestOrEven))
        return cropped(x: left, y: top, width: cropWidth, height: cropHeight)
    }

    /// The window with its top-left corner at (x, y).
    public func cropped(x: Int, y: Int, width cropWidth: Int, height cropHeight: Int) -> Image {
        precondition(x >= 0 && y >= 0 && x + cropWidth <= width && y + cropHeight <= height, "crop outside the image")
        var out = [Float]()
        out.reserveCapacity(channels * cropWidth * cropHeight)
        for c in 0..<channels {
            for row in y..<(y + cropHeight) {
                let start = c * planeSize + row * width + x
                out.append(contentsOf: pixels[start..<(start + cropWidth)])
            }
        }
        return Image(width: cropWidth, height: cropHeight, channels: channels, pixels: out)
    }
}
