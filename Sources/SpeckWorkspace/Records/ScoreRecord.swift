import Foundation
import GRDB

/// One model's verdict on one image: the raw score, the normalised score
/// (threshold at 0.5) and where its anomaly map is cached.
public struct ScoreRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "score"

    public var modelId: Int64
    public var imageId: Int64
    public var raw: Double
    public var normalised: Double?
    /// Path of the cached map relative to the workspace's `maps/` folder, if kept.
    public var mapFile: String?
    public var scoredAt: Date
    /// Seconds the detector took to score this image (schema v2).
    public var scoringSeconds: Double?

    public init(modelId: Int64, imageId: Int64, raw: Double, normalised: Double?, mapFile: String? = nil,
                scoredAt: Date = Date(), scoringSeconds: Double? = nil) {
        self.modelId = modelId
        self.imageId = imageId
        self.raw = raw
        self.normalised = normalised
        self.mapFile = mapFile
        self.scoredAt = scoredAt
        self.scoringSeconds = scoringSeconds
    }
}
