import SpeckDetectors
import SpeckImaging

/// One test image after scoring: its score, map, label and mask on the map's grid.
public struct ScoredSample: Sendable {
    public var sample: DatasetSample
    public var score: Float
    /// nil for a detector without maps.
    public var map: AnomalyMap?
    /// Ground truth on the map grid: from the mask file, all false for a
    /// "good" image, nil when a defect image has no mask or there is no map.
    public var mask: [Bool]?
    /// Every cell's nearest stored normal patch, when asked for and the detector keeps them (see `BatchScorer`).
    public var nearestPatches: NearestPatchRecord? = nil

    public var isAnomalous: Bool? { sample.isNormal.map { !$0 } }
}
