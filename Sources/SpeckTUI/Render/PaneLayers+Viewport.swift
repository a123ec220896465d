extension PaneLayers {
    /// The window of full-resolution layers that a viewport shows, each image
    /// pixel repeated `scale` times (zoom levels are whole multiples, so
    /// nearest sampling is exact).
    func zoomed(to viewport: Viewport) -> PaneLayers {
        let outWidth = viewport.outputWidth, outHeight = viewport.outputHeight
        var sources = [Int]()
        sources.reserveCapacity(outWidth * outHeight)
        for oy in 0..<outHeight {
            for ox in 0..<outWidth {
                let (sx, sy) = viewport.sourcePixel(outputX: ox, outputY: oy)
                sources.append(min(sy, height - 1) * width + min(sx, width - 1))
            }
        }
        return gathered(sources, width: outWidth, height: outHeight)
    }
}
