extension Image {
    /// The image turned anticlockwise by `quarterTurns` × 90° (any integer;
    /// negative turns clockwise). Exact: pixels are moved, never resampled,
    /// and no corner needs filling. An odd number of turns swaps width and height.
    public func rotated(quarterTurns: Int) -> Image {
        let turns = ((quarterTurns % 4) + 4) % 4
        if turns == 0 { return self }
        let outWidth = turns == 2 ? width : height, outHeight = turns == 2 ? height : width
        var out = [Float](repeating: 0, count: pixels.count)
        for c in 0..<channels {
            let base = c * planeSize
            for y in 0..<outHeight {
                for x in 0..<outWidth {
                    // The source pixel that lands on (x, y).
                    let (sx, sy): (Int, Int)
                    switch turns {
                    case 1: (sx, sy) = (width - 1 - y, x)
                    case 2: (sx, sy) = (width - 1 - x, height - 1 - y)
                    default: (sx, sy) = (y, height - 1 - x)
                    }
                    out[base + y * outWidth + x] = pixels[base + sy * width + sx]
                }
            }
        }
        return Image(width: outWidth, height: outHeight, channels: channels, pixels: out)
    }
}
