/// Where one stored normal patch came from: the training sample it was cut
/// from (an index into the images the detector was fitted on) and its cell on
/// that sample's patch grid. Ids, not pixels: the pixels stay on disk.
public struct PatchSource: Sendable, Equatable {
    public var sample: Int
    public var x: Int
    public var y: Int
    public var gridWidth: Int
    public var gridHeight: Int

    public init(sample: Int, x: Int, y: Int, gridWidth: Int, gridHeight: Int) {
        self.sample = sample
        self.x = x
        self.y = y
        self.gridWidth = gridWidth
        self.gridHeight = gridHeight
    }

    /// Every cell of one sample's grid, row by row (the order of `PatchEmbedding`'s rows).
    static func cells(ofSample sample: Int, gridWidth: Int, gridHeight: Int) -> [PatchSource] {
        (0..<(gridWidth * gridHeight)).map {
            PatchSource(sample: sample, x: $0 % gridWidth, y: $0 / gridWidth, gridWidth: gridWidth, gridHeight: gridHeight)
        }
    }

    /// Five numbers a source is stored as in a model file (exact in Float32 below 2^24).
    static let fields = 5

    /// The sources as a [count, 5] model-file array.
    static func array(_ sources: [PatchSource]) -> DetectorState.Array {
        .init(shape: [sources.count, fields],
              values: sources.flatMap { [$0.sample, $0.x, $0.y, $0.gridWidth, $0.gridHeight].map(Float.init) })
    }

    /// Reads a [count, 5] array back, refusing one that cannot be a trace.
    static func sources(from array: DetectorState.Array, name: String) throws -> [PatchSource] {
        guard array.shape.count == 2, array.shape[1] == fields else {
            throw DetectorError.incompatibleModel("'\(name)' must be a [patches, \(fields)] array")
        }
        return (0..<array.shape[0]).map { row in
            let v = array.values[(row * fields)..<((row + 1) * fields)].map { Int($0) }
            return PatchSource(sample: v[0], x: v[1], y: v[2], gridWidth: v[3], gridHeight: v[4])
        }
    }
}
