/// What evidence needs of one scored image, kept beside its anomaly map so
/// that evidence for any spot is a lookup and one crop, not a backbone pass:
/// per cell of each tile's patch grid, the nearest stored patch (by the
/// detector's index) and its distance, as `nearestStoredPatch` finds it.
public struct NearestPatchRecord: Sendable, Equatable {
    public var imageWidth: Int
    public var imageHeight: Int
    /// The image score and the map's size and hottest cell, from the Float32 map
    /// (the stored map is Float16, whose rounding can tie two cells).
    public var score: Float
    public var mapWidth: Int
    public var mapHeight: Int
    public var hottestCell: Int
    /// One per tile in `TileLayout` order; one when untiled.
    public var parts: [Part]

    public struct Part: Sendable, Equatable {
        public var gridWidth: Int
        public var gridHeight: Int
        /// Row by row over the grid.
        public var indices: [Int32]
        public var distances: [Float]

        public init(gridWidth: Int, gridHeight: Int, indices: [Int32], distances: [Float]) {
            precondition(indices.count == gridWidth * gridHeight && distances.count == indices.count, "one entry per cell")
            self.gridWidth = gridWidth
            self.gridHeight = gridHeight
            self.indices = indices
            self.distances = distances
        }
    }

    public init(imageWidth: Int, imageHeight: Int, score: Float, mapWidth: Int, mapHeight: Int, hottestCell: Int, parts: [Part]) {
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.score = score
        self.mapWidth = mapWidth
        self.mapHeight = mapHeight
        self.hottestCell = hottestCell
        self.parts = parts
    }
}
