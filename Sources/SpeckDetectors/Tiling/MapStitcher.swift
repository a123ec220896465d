/// Puts tile maps back together into one map: a weighted average where tiles
/// overlap, each tile's weight ramping linearly from its inner edges across
/// the overlap, so there is no step where one tile ends. Where the tiles
/// agree the result is their value.
public struct MapStitcher: Sendable {
    public let width: Int
    public let height: Int
    private var sum: [Float]
    private var weight: [Float]

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        sum = [Float](repeating: 0, count: width * height)
        weight = sum
    }

    /// Adds a `map` covering `rect` (map pixels); `ramp` is the overlap in map
    /// pixels. Edges on the map's border are not ramped.
    public mutating func add(_ map: [Float], at rect: TileLayout.Rect, ramp: Int) {
        precondition(map.count == rect.width * rect.height, "tile map does not match its rectangle")
        let columnWeights = Self.ramp(length: rect.width, ramp: ramp,
                                      before: rect.x > 0, after: rect.x + rect.width < width)
        let rowWeights = Self.ramp(length: rect.height, ramp: ramp,
                                   before: rect.y > 0, after: rect.y + rect.height < height)
        for y in 0..<rect.height {
            let row = (rect.y + y) * width + rect.x
            for x in 0..<rect.width {
                let w = rowWeights[y] * columnWeights[x]
                sum[row + x] += w * map[y * rect.width + x]
                weight[row + x] += w
            }
        }
    }

    /// The stitched map; a pixel no tile covered is 0.
    public func finish() -> [Float] {
        zip(sum, weight).map { $1 > 0 ? $0 / $1 : 0 }
    }

    /// 1 inside, rising from near 0 to 1 over `ramp` pixels at a ramped edge.
    static func ramp(length: Int, ramp: Int, before: Bool, after: Bool) -> [Float] {
        (0..<length).map { i in
            guard ramp > 0 else { return 1 }
            var w: Float = 1
            if before { w = min(w, (Float(i) + 0.5) / Float(ramp)) }
            if after { w = min(w, (Float(length - 1 - i) + 0.5) / Float(ramp)) }
            return w
        }
    }
}
