import SpeckImaging

/// Optional capability of detectors that score a patch by its distance to
/// stored normal patches (PatchCore, SPADE): they can name the stored patch
/// a test patch was nearest to, and where in which training image it came from.
public protocol NearestPatchExplaining: AnyObject, Sendable {
    /// Why this fitted model cannot trace its patches (a model file written
    /// before traces were stored), or nil when it can.
    var traceUnavailableReason: String? { get }
    /// The training files, when the fit had paths (nil for images fitted from memory).
    var trainingOrigin: TrainingOrigin? { get }
    /// One pass over `image` (as `score` receives it): its patch grid, score and map.
    func patchFeatures(of image: Image) throws -> PatchFeatures
    /// The stored normal patch nearest to the test patch at cell (`x`, `y`),
    /// its distance computed exactly (0 for the very same patch).
    func nearestStoredPatch(to features: PatchFeatures, x: Int, y: Int) throws -> StoredPatchMatch
    /// What `nearestStoredPatch` finds, for every cell of the grid at once (row by row):
    /// the stored patch's index (for `storedPatch(at:)`) and the exact distance.
    func nearestStoredPatches(to features: PatchFeatures) throws -> [(index: Int, distance: Float)]
    /// The stored patch with index `index`, as `nearestStoredPatches` names it.
    func storedPatch(at index: Int) throws -> PatchSource
}

/// A test image's patch features with what `score` made of them.
public struct PatchFeatures: Sendable {
    public var grid: PatchEmbedding.Grid
    public var result: AnomalyResult
    /// Gallery images the patches were compared with (SPADE's nearest images); empty when all were.
    var scope: [Int] = []
}

/// The stored patch nearest to a test patch.
public struct StoredPatchMatch: Sendable, Equatable {
    public var source: PatchSource
    public var distance: Float
}

extension PatchFeatures {
    /// Rows found by the fast formula among which the exact distance decides (rounding can reorder near-ties).
    static let exactCandidates = 8

    /// The exactly nearest row among `candidates` (found approximately first), for one test cell;
    /// of equally near rows the lowest, so that the order candidates come in does not matter.
    static func exactNearest(query: UnsafePointer<Float>, dim: Int, among rows: [Int],
                             bank: UnsafePointer<Float>) -> (row: Int, distance: Float) {
        var best = (row: rows.first ?? 0, squared: Float.infinity)
        for row in rows {
            let squared = VectorMath.squaredDistance(query, bank + row * dim, count: dim)
            if squared < best.squared || (squared == best.squared && row < best.row) { best = (row, squared) }
        }
        return (best.row, best.squared.squareRoot())
    }

    /// For every cell, the exactly nearest row of `search`'s bank among the fast formula's candidates.
    static func exactNearest(_ grid: PatchEmbedding.Grid, in search: NearestNeighbourSearch) -> [(row: Int, distance: Float)] {
        let dim = grid.patches.dim
        let candidates = search.candidates(grid.patches, k: exactCandidates)
        return grid.patches.values.withUnsafeBufferPointer { q in
            search.bank.values.withUnsafeBufferPointer { b in
                candidates.enumerated().map { cell, rows in
                    exactNearest(query: q.baseAddress! + cell * dim, dim: dim, among: rows, bank: b.baseAddress!)
                }
            }
        }
    }
}
