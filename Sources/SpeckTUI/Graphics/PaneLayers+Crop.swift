extension PaneLayers {
    /// The window x..<x+width, y..<y+height of the layers at their own resolution
    /// (the zoomed view's window, sent as real pixels).
    func cropped(x: Int, y: Int, width: Int, height: Int) -> PaneLayers {
        let x0 = max(0, min(x, self.width - 1)), y0 = max(0, min(y, self.height - 1))
        let w = max(1, min(width, self.width - x0)), h = max(1, min(height, self.height - y0))
        var sources = [Int]()
        sources.reserveCapacity(w * h)
        for row in y0..<(y0 + h) { for column in x0..<(x0 + w) { sources.append(row * self.width + column) } }
        return gathered(sources, width: w, height: h)
    }

    /// New layers of `width` x `height` whose pixel i is this one's pixel `sources[i]`.
    func gathered(_ sources: [Int], width: Int, height: Int) -> PaneLayers {
        var colours = [Float](repeating: 0, count: sources.count * 3)
        for (i, source) in sources.enumerated() {
            for c in 0..<3 { colours[i * 3 + c] = self.colours[source * 3 + c] }
        }
        return PaneLayers(width: width, height: height, sourceWidth: sourceWidth, sourceHeight: sourceHeight,
                          colours: colours, rawMap: rawMap.map { map in sources.map { map[$0] } },
                          heat: heat.map { heat in sources.map { heat[$0] } },
                          truthMask: truthMask.map { mask in sources.map { mask[$0] } })
    }
}
