import SpeckDetectors

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

    /// The bounds and area in image pixels, the map lying on the part of the image
    /// `placement` gives, each cell covering that part's width / `mapWidth` pixels across.
    public func inImage(mapWidth: Int, mapHeight: Int, imageWidth: Int, imageHeight: Int,
                        placement: MapPlacement = .wholeImage) -> (x: ClosedRange<Int>, y: ClosedRange<Int>, pixels: Int) {
        func span(_ low: Int, _ high: Int, map: Int, image: Int, from: Double, to: Double) -> ClosedRange<Int> {
            let offset = Int((from * Double(image)).rounded()), part = Int(((to - from) * Double(image)).rounded())
            let start = offset + low * part / map, end = max(start, offset + (high + 1) * part / map - 1)
            return start...end
        }
        let x = span(minX, maxX, map: mapWidth, image: imageWidth, from: placement.left, to: placement.right)
        let y = span(minY, maxY, map: mapHeight, image: imageHeight, from: placement.top, to: placement.bottom)
        let partArea = (placement.right - placement.left) * Double(imageWidth) * (placement.bottom - placement.top) * Double(imageHeight)
        return (x, y, Int((Double(cells) * partArea / Double(mapWidth * mapHeight)).rounded()))
    }
}
