/// Bilinear interpolation of values known on a regular grid (feature-map
/// cells, LBP cells) to every pixel of an image.
///
/// Grid point (i, j) sits at pixel coordinate `origin + step * (i, j)` where
/// pixel centres are at `x + 0.5`; outside the grid the edge values extend.
public struct GridUpsampler: Sendable {
    public let gridWidth: Int
    public let gridHeight: Int
    public let origin: Float
    public let step: Float

    public init(gridWidth: Int, gridHeight: Int, origin: Float, step: Float) {
        self.gridWidth = gridWidth
        self.gridHeight = gridHeight
        self.origin = origin
        self.step = step
    }

    /// The usual feature-map layout: a grid of `side / step` cells centred in
    /// their blocks (PyTorch `interpolate(..., align_corners=False)`).
    public init(gridWidth: Int, gridHeight: Int, imageSide: Int) {
        let step = Float(imageSide) / Float(gridWidth)
        self.init(gridWidth: gridWidth, gridHeight: gridHeight, origin: step / 2, step: step)
    }

    public func upsample(_ values: [Float], width: Int, height: Int) -> AnomalyMap {
        precondition(values.count == gridWidth * gridHeight, "grid size does not match")
        let columns = (0 ..< width).map { weights(pixel: $0, count: gridWidth) }
        var result = [Float](repeating: 0, count: width * height)
        for y in 0 ..< height {
            let (y0, y1, fy) = weights(pixel: y, count: gridHeight)
            let row0 = y0 * gridWidth, row1 = y1 * gridWidth
            for x in 0 ..< width {
                let (x0, x1, fx) = columns[x]
                let top = values[row0 + x0] + (values[row0 + x1] - values[row0 + x0]) * fx
                let bottom = values[row1 + x0] + (values[row1 + x1] - values[row1 + x0]) * fx
                result[y * width + x] = top + (bottom - top) * fy
            }
        }
        return AnomalyMap(width: width, height: height, values: result)
    }

    /// The two grid indices around a pixel and the weight of the second.
    private func weights(pixel: Int, count: Int) -> (Int, Int, Float) {
        let position = (Float(pixel) + 0.5 - origin) / step
        if position <= 0 { return (0, 0, 0) }
        if position >= Float(count - 1) { return (count - 1, count - 1, 0) }
        let lower = Int(position)
        return (lower, lower + 1, position - Float(lower))
    }
}
