/// One connected region of an anomaly map above the threshold, in the map's
/// own cells (inclusive bounds).
public struct MapRegion: Sendable, Equatable {
    public var cells: Int
    public var minX: Int
    public var maxX: Int
    public var minY: Int
    public var maxY: Int

    public init(cells: Int, minX: Int, maxX: Int, minY: Int, maxY: Int) {
        self.cells = cells
        self.minX = minX
        self.maxX = maxX
        self.minY = minY
        self.maxY = maxY
    }

    /// The centre of the bounding box as a fraction of a map of this size.
    public func centreFraction(mapWidth: Int, mapHeight: Int) -> (x: Double, y: Double) {
        (Double(minX + maxX + 1) / 2 / Double(mapWidth), Double(minY + maxY + 1) / 2 / Double(mapHeight))
    }

    /// The bounds and area in image pixels, each map cell covering `imageWidth / mapWidth` pixels across.
    public func inImage(mapWidth: Int, mapHeight: Int, imageWidth: Int, imageHeight: Int)
        -> (x: ClosedRange<Int>, y: ClosedRange<Int>, pixels: Int) {
        func span(_ low: Int, _ high: Int, map: Int, image: Int) -> ClosedRange<Int> {
            let start = low * image / map, end = max(start, (high + 1) * image / map - 1)
            return start...end
        }
        let cellArea = Double(imageWidth * imageHeight) / Double(mapWidth * mapHeight)
        return (span(minX, maxX, map: mapWidth, image: imageWidth), span(minY, maxY, map: mapHeight, image: imageHeight),
                Int((Double(cells) * cellArea).rounded()))
    }
}
