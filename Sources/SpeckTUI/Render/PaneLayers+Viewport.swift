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
        var colours = [Float](repeating: 0, count: sources.count * 3)
        for (i, source) in sources.enumerated() {
            for c in 0..<3 { colours[i * 3 + c] = self.colours[source * 3 + c] }
        }
        return PaneLayers(width: outWidth, height: outHeight, sourceWidth: sourceWidth, sourceHeight: sourceHeight,
                          colours: colours, rawMap: rawMap.map { map in sources.map { map[$0] } },
                          heat: heat.map { heat in sources.map { heat[$0] } },
                          truthMask: truthMask.map { mask in sources.map { mask[$0] } })
    }
}
