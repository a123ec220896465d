import SpeckDetectors

/// A backend that can show why a spot scored as it did: the nearest stored
/// normal patch of the current model (PatchCore, SPADE). Slow: called off the UI thread.
public protocol EvidenceProviding: AnyObject, Sendable {
    /// Evidence for a spot of `entry` (image pixels; nil: the hottest spot) with the current model.
    func evidence(for entry: ImageEntry, at spot: EvidenceSpot?) throws -> WorkstationEvidence
}

/// A spot in an image, in its pixels.
public struct EvidenceSpot: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// What the evidence pane shows.
public struct WorkstationEvidence: Sendable {
    public var evidence: PatchEvidence
    public var crops: EvidenceCrops
    /// The training image's path relative to the opened folder when inside it, else as stored.
    public var trainingName: String?
    /// The test image's size (the cursor stays inside it).
    public var imageWidth: Int
    public var imageHeight: Int

    public init(evidence: PatchEvidence, crops: EvidenceCrops, trainingName: String?, imageWidth: Int, imageHeight: Int) {
        self.evidence = evidence
        self.crops = crops
        self.trainingName = trainingName
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
    }
}
