import Foundation
import SpeckDetectors

/// One scored image on its way into the store.
public struct ScoredImage: Sendable {
    public var imageId: Int64
    public var raw: Float
    public var normalised: Float?
    public var map: AnomalyMap?
    public var seconds: Double?
    /// Kept beside the map (see `Workspace.nearestPatches(of:)`).
    public var nearestPatches: NearestPatchRecord?

    public init(imageId: Int64, raw: Float, normalised: Float?, map: AnomalyMap? = nil, seconds: Double? = nil,
                nearestPatches: NearestPatchRecord? = nil) {
        self.imageId = imageId
        self.raw = raw
        self.normalised = normalised
        self.map = map
        self.seconds = seconds
        self.nearestPatches = nearestPatches
    }
}

extension Workspace {
    /// Stores scores (replacing earlier ones of the same model and image) in
    /// one transaction; maps are written first, each atomically, under
    /// `maps/<model>/<image>.f16`, so a committed score never points to a
    /// missing or partial map.
    public func saveScores(_ scores: [ScoredImage], modelId: Int64, at date: Date = Date()) throws {
        let folder = location.mapsFolder.appendingPathComponent(String(modelId), isDirectory: true)
        if scores.contains(where: { $0.map != nil }) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        var records: [ScoreRecord] = []
        for score in scores {
            var mapFile: String?
            if let map = score.map {
                mapFile = "\(modelId)/\(score.imageId).f16"
                try AtomicFile.write(AnomalyMapCodec.encode(map), to: location.mapsFolder.appendingPathComponent(mapFile!))
                try saveNearestPatches(score.nearestPatches, besideMap: mapFile!)
            }
            records.append(ScoreRecord(modelId: modelId, imageId: score.imageId, raw: Double(score.raw),
                                       normalised: score.normalised.map(Double.init), mapFile: mapFile,
                                       scoredAt: date, scoringSeconds: score.seconds))
        }
        try store.upsertScores(records)
    }

    /// Scores of a model by image id.
    public func scores(modelId: Int64) throws -> [Int64: ScoreRecord] {
        let records = try store.scores(modelId: modelId)
        return Dictionary(records.map { ($0.imageId, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The cached map of a score, or nil when none was kept or the file is gone.
    public func anomalyMap(of score: ScoreRecord) -> AnomalyMap? {
        guard let file = score.mapFile,
              let data = try? Data(contentsOf: location.mapsFolder.appendingPathComponent(file)) else { return nil }
        return AnomalyMapCodec.decode(data)
    }

    /// Every present image with the model's score and its label, highest score
    /// first (ties by image id), unscored images last (by path).
    public func listing(modelId: Int64) throws -> [ListedImage] {
        try store.listing(modelId: modelId)
    }
}
