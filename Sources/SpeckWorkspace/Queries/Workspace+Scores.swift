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
    /// first (ties by image id), unscored images last (by path).
    ///
    /// Three sequential scans (images, the label history, the model's scores
    /// in rank order from the `scoreRanking` covering index) joined here: for
    /// 100,000 images this is several times cheaper than letting SQLite follow
    /// each score to its image row, and leaves nothing to sort.
    public func listing(modelId: Int64) throws -> [ListedImage] {
        try database.read { db in
            // Column arrays, so that a path can be moved (not copied) into the
            // listing: a copy would touch every path's heap object, at random, to retain it.
            var ids: [Int64] = [], paths: [String] = [], statuses: [ImageRecord.DecodeStatus] = []
            var position = ImagePositions()
            var images = try StatementRows(db, sql: "SELECT id, path, decodeStatus FROM image WHERE missingSince IS NULL")
            while let row = try images.next() {
                position.set(row.int64(0), ids.count)
                ids.append(row.int64(0))
                paths.append(row.text(1))
                statuses.append(ImageRecord.DecodeStatus(rawValue: row.text(2)) ?? .unknown)
            }
            // Oldest first, so the newest label of an image is the one left standing.
            var labelled = [LabelVerdict?](repeating: nil, count: ids.count)
            var labels = try StatementRows(db, sql: "SELECT imageId, verdict FROM label ORDER BY createdAt, id")
            while let row = try labels.next() {
                guard let index = position[row.int64(0)] else { continue }
                let verdict = LabelVerdict(rawValue: row.text(1))
                labelled[index] = verdict == .cleared ? nil : verdict
            }
            var listing: [ListedImage] = []
            listing.reserveCapacity(ids.count)
            var scored = [Bool](repeating: false, count: ids.count)
            var scores = try StatementRows(db, sql: """
                SELECT imageId, raw, normalised FROM score INDEXED BY scoreRanking
                WHERE modelId = ? ORDER BY raw DESC, imageId
                """, arguments: [modelId])
            while let row = try scores.next() {
                guard let index = position[row.int64(0)], !scored[index] else { continue }
                scored[index] = true
                var path = ""
                swap(&path, &paths[index])
                listing.append(ListedImage(imageId: ids[index], path: consume path, decodeStatus: statuses[index],
                                           raw: row.double(1), normalised: row.double(2), label: labelled[index]))
            }
            let unscored = ids.indices.filter { !scored[$0] }.sorted { paths[$0] < paths[$1] }
            for index in unscored {
                listing.append(ListedImage(imageId: ids[index], path: paths[index], decodeStatus: statuses[index],
                                           label: labelled[index]))
            }
            return listing
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
