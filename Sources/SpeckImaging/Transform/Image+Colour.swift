extension Image {
    /// Three channels: a grey image has its plane replicated; RGB is returned as is.
    public func asRGB() -> Image {
        if channels == 3 { return self }
        return Image(width: width, height: height, channels: 3, pixels: pixels + pixels + pixels)
    }

    /// One channel: RGB becomes luma, 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, as PIL's
    /// "L" conversion); grey is returned as is.
    public func asGrey() -> Image {
        if channels == 1 { return self }
        var out = [Float](repeating: 0, count: planeSize)
        for i in 0..<planeSize {
            out[i] = 0.299 * pixels[i] + 0.587 * pixels[planeSize + i] + 0.114 * pixels[2 * planeSize + i]
        }
        return Image(width: width, height: height, channels: 1, pixels: out)
    }
}
