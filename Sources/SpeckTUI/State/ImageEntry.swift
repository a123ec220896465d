/// One row of the image list.
public struct ImageEntry: Sendable, Equatable, Identifiable {
    /// Stable within a session: the index in the catalogue.
    public let id: Int
    /// Path relative to the opened folder (what the list and the workspace show).
    public let relativePath: String
    /// Absolute path on disk.
    public let path: String
    public var groundTruth: GroundTruth
    /// Absolute path of the ground-truth mask, when the dataset has one.
    public var maskPath: String?
    /// Whether this image is in the training split (MVTec train/good).
    public var isTraining: Bool
    /// Why the image cannot be used (undecodable, too large, ...), or nil.
    public var problem: String?
    public var rawScore: Float?
    public var normalisedScore: Float?
    public var label: Label?

    public init(id: Int, relativePath: String, path: String, groundTruth: GroundTruth = .unknown, maskPath: String? = nil,
                isTraining: Bool = false, problem: String? = nil, rawScore: Float? = nil,
                normalisedScore: Float? = nil, label: Label? = nil) {
        self.id = id
        self.relativePath = relativePath
        self.path = path
        self.groundTruth = groundTruth
        self.maskPath = maskPath
        self.isTraining = isTraining
        self.problem = problem
        self.rawScore = rawScore
        self.normalisedScore = normalisedScore
        self.label = label
    }

    /// The truth used for confusion counts: the inspector's label beats the dataset.
    public var effectiveTruth: Bool? {
        if let label { return label == .anomalous }
        return groundTruth.isAnomalous
    }

    /// The score and the truth, when both are known (what confusion counts are made of).
    public var outcome: (score: Float, anomalous: Bool)? {
        guard let rawScore, let truth = effectiveTruth else { return nil }
        return (rawScore, truth)
    }

    public var name: String { relativePath }
}
