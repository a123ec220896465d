/// Turns prepared layers into the picture of one view mode.
public struct ViewComposer: Sendable {
    public var mode: ViewMode
    /// Heat weight in overlay mode, 0...1.
    public var opacity: Float
    /// Raw map value at or above which a pixel is predicted anomalous.
    public var pixelThreshold: Float?
    public var theme: Theme

    public init(mode: ViewMode, opacity: Float, pixelThreshold: Float?, theme: Theme) {
        self.mode = mode
        self.opacity = opacity
        self.pixelThreshold = pixelThreshold
        self.theme = theme
    }

    public func compose(_ layers: PaneLayers) -> PixelGrid {
        var grid = PixelGrid(width: layers.width, height: layers.height)
        for i in 0..<layers.width * layers.height {
            let c = layers.colours
            let base = RGB(unit: c[i * 3], c[i * 3 + 1], c[i * 3 + 2])
            switch mode {
            case .image, .predictedContour, .truthContour, .sideBySide:
                grid.pixels[i] = base
            case .heatmap where layers.heat?[i].isNaN == true, .overlay where layers.heat?[i].isNaN == true:
                // Outside a centre crop the detector did not look: the image, darkened.
                grid.pixels[i] = base.mixed(with: RGB(0, 0, 0), amount: 0.6)
            case .heatmap:
                grid.pixels[i] = layers.heat.map { theme.heatmap.colour(at: $0[i]) } ?? base
            case .overlay:
                // Only the part above "cold" is tinted, so normal regions stay readable.
                if let heat = layers.heat {
                    let h = heat[i]
                    grid.pixels[i] = base.mixed(with: theme.heatmap.colour(at: h), amount: opacity * min(1, h * 1.5))
                } else {
                    grid.pixels[i] = base
                }
            }
        }
        switch mode {
        case .predictedContour:
            if let map = layers.rawMap, let limit = pixelThreshold {
                drawContour(of: map.map { $0 >= limit }, colour: theme.contourPredicted, on: &grid)
            }
        case .truthContour:
            if let mask = layers.truthMask { drawContour(of: mask, colour: theme.contourTruth, on: &grid) }
        default: break
        }
        return grid
    }

    /// Paints region pixels that touch a non-region pixel (4-neighbourhood).
    func drawContour(of region: [Bool], colour: RGB, on grid: inout PixelGrid) {
        let w = grid.width, h = grid.height
        for y in 0..<h {
            for x in 0..<w where region[y * w + x] {
                let edge = x == 0 || y == 0 || x == w - 1 || y == h - 1
                    || !region[y * w + x - 1] || !region[y * w + x + 1]
                    || !region[(y - 1) * w + x] || !region[(y + 1) * w + x]
                if edge { grid[x, y] = colour }
            }
        }
    }
}
