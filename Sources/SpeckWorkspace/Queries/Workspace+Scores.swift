import Foundation
import GRDB
import SpeckDetectors

/// One scored image on its way into the store.
public struct ScoredImage: Sendable {
    public var imageId: Int64
    public var raw: Float
    public var normalised: Float?
    public var map: AnomalyMap?
    public var seconds: Double?

    public init(imageId: Int64, raw: Float, normalised: Float?, map: AnomalyMap? = nil, seconds: Double? = nil) {
        self.imageId = imageId
        self.raw = raw
        self.normalised = normalised
        self.map = map
        self.seconds = seconds
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
            }
            records.append(ScoreRecord(modelId: modelId, imageId: score.imageId, raw: Double(score.raw),
                                       normalised: score.normalised.map(Double.init), mapFile: mapFile,
                                       scoredAt: date, scoringSeconds: score.seconds))
        }
        try database.write { db in
            for record in records { try record.upsert(db) }
        }
    }

    /// Scores of a model by image id.
    public func scores(modelId: Int64) throws -> [Int64: ScoreRecord] {
        try database.read { db in
            let records = try ScoreRecord.filter(Column("modelId") == modelId).fetchAll(db)
            return Dictionary(records.map { ($0.imageId, $0) }, uniquingKeysWith: { _, last in last })
        }
    }

    /// The cached map of a score, or nil when none was kept or the file is gone.
    public func anomalyMap(of score: ScoreRecord) -> AnomalyMap? {
        guard let file = score.mapFile,
              let data = try? Data(contentsOf: location.mapsFolder.appendingPathComponent(file)) else { return nil }
        return AnomalyMapCodec.decode(data)
    }

    /// Every present image with the model's score and its label, highest score
    /// first, unscored images last (by path).
    ///
    /// Three sequential scans (images, the model's scores, the label history)
    /// joined and sorted here: for 100,000 images this is several times cheaper
    /// than letting SQLite follow each score to its image row in score order.
    public func listing(modelId: Int64) throws -> [ListedImage] {
        try database.read { db in
            var rows: [ListedImage] = []
            var position = ImagePositions()
            let images = try Row.fetchCursor(db, sql: "SELECT id, path, decodeStatus FROM image WHERE missingSince IS NULL")
            while let row = try images.next() {
                position.set(row[0], rows.count)
                rows.append(ListedImage(imageId: row[0], path: row[1],
                                        decodeStatus: ImageRecord.DecodeStatus(rawValue: row[2]) ?? .unknown))
            }
            let scores = try Row.fetchCursor(db, sql: "SELECT imageId, raw, normalised FROM score WHERE modelId = ?",
                                             arguments: [modelId])
            while let row = try scores.next() {
                guard let index = position[row[0]] else { continue }
                rows[index].raw = row[1]
                rows[index].normalised = row[2]
            }
            // Oldest first, so the newest label of an image is the one left standing.
            let labels = try Row.fetchCursor(db, sql: "SELECT imageId, verdict FROM label ORDER BY createdAt, id")
            while let row = try labels.next() {
                guard let index = position[row[0]] else { continue }
                let verdict = LabelVerdict(rawValue: row[1])
                rows[index].label = verdict == .cleared ? nil : verdict
            }
            // Sort plain (score, position) pairs, then gather: moving the rows
            // themselves would retain and release every path many times.
            var scored: [(raw: Double, index: Int)] = []
            var unscored: [Int] = []
            scored.reserveCapacity(rows.count)
            for (index, row) in rows.enumerated() {
                if let raw = row.raw { scored.append((raw, index)) } else { unscored.append(index) }
            }
            scored.sort { $0.raw > $1.raw }
            unscored.sort { rows[$0].path < rows[$1].path }
            return scored.map { rows[$0.index] } + unscored.map { rows[$0] }
        }
    }
}

/// Image id → position in the listing: a plain array while ids are dense
/// (the usual case, ids count up from 1), a dictionary otherwise.
private struct ImagePositions {
    private var dense: [Int32] = []
    private var sparse: [Int64: Int] = [:]

    mutating func set(_ id: Int64, _ position: Int) {
        if id >= 0, id < Int64(max(1 << 16, dense.count * 2)) {
            if Int(id) >= dense.count { dense.append(contentsOf: repeatElement(-1, count: Int(id) - dense.count + 1)) }
            dense[Int(id)] = Int32(position)
        } else {
            sparse[id] = position
        }
    }

    subscript(id: Int64) -> Int? {
        if id >= 0, id < Int64(dense.count), dense[Int(id)] >= 0 { return Int(dense[Int(id)]) }
        return sparse[id]
    }
}
