import SpeckDetectors

/// A small fingerprint of an anomaly map, for telling near-identical flags
/// apart from different ones: the map averaged over an 8x8 grid, in units of
/// the threshold. Two images flagged for the same mark at the same place get
/// nearly the same signature; the distance between two signatures is the
/// root-mean-square difference of their cells ("the maps differ by 0.2
/// thresholds per cell on average"). It costs one pass over a map that is
/// already stored, and needs no image decode or network.
public struct MapSignature: Sendable, Equatable {
    public static let side = 8
    public var cells: [Float]

    public init(cells: [Float]) {
        precondition(cells.count == Self.side * Self.side, "a signature has 8x8 cells")
        self.cells = cells
    }

    /// The map averaged over an 8x8 grid (each map pixel counted in the cell
    /// its centre falls in), divided by `threshold` (when not zero).
    public init(_ map: AnomalyMap, threshold: Double) {
        let side = Self.side
        var sums = [Double](repeating: 0, count: side * side)
        var counts = [Int](repeating: 0, count: side * side)
        for y in 0..<map.height {
            let row = min(side - 1, y * side / max(1, map.height))
            for x in 0..<map.width {
                let cell = row * side + min(side - 1, x * side / max(1, map.width))
                sums[cell] += Double(map.values[y * map.width + x])
                counts[cell] += 1
            }
        }
        let scale = threshold != 0 ? abs(threshold) : 1
        self.init(cells: zip(sums, counts).map { sum, count in count > 0 ? Float(sum / Double(count) / scale) : 0 })
    }

    /// Root-mean-square difference of the cells.
    public func distance(to other: MapSignature) -> Double {
        var total: Float = 0
        for i in cells.indices {
            let d = cells[i] - other.cells[i]
            total += d * d
        }
        return (Double(total) / Double(cells.count)).squareRoot()
    }
}
