import Foundation
import PostgresNIO

/// The workspace's rows in a PostgreSQL database several inspectors and
/// scoring machines share. Same schema steps and answers as `SQLiteStore`;
/// times are kept to the millisecond, as SQLite keeps them.
final class PostgresStore: WorkspaceStore {
    let session: PostgresSession

    var description: String { session.address.description }

    /// Connects and migrates.
    init(address: StoreAddress) throws {
        session = try PostgresSession(address: address)
        try PostgresSchemaMigrations.migrate(session)
    }

    func appliedMigrations() throws -> [String] {
        try PostgresSchemaMigrations.applied(session)
    }

    func setting(_ key: String) throws -> String? {
        try session.withStatements { sql in
            try sql.rows("SELECT value FROM setting WHERE key = $1", binds(key)).first?.decode(String.self)
        }
    }

    func setSetting(_ key: String, to value: String) throws {
        try session.withStatements { sql in
            try sql.execute("INSERT INTO setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            binds(key, value))
        }
    }

    // MARK: - Images

    private static let imageColumns = """
        id, path, size, mtimeNanoseconds, contentHash, width, height, decodeStatus, decodeError, addedAt, missingSince
        """

    private static func image(_ row: PostgresRow) throws -> ImageRecord {
        let (id, path, size, mtime, hash, width, height, status, error, added, missing) = try row.decode(
            (Int64, String, Int64, Int64, String?, Int?, Int?, String, String?, Date, Date?).self)
        return ImageRecord(id: id, path: path, size: size, mtimeNanoseconds: mtime, contentHash: hash, width: width,
                           height: height, decodeStatus: .init(rawValue: status) ?? .unknown, decodeError: error,
                           addedAt: added, missingSince: missing)
    }

    func images() throws -> [ImageRecord] {
        try session.withStatements { sql in
            try sql.rows("SELECT \(Self.imageColumns) FROM image ORDER BY path").map(Self.image)
        }
    }

    func image(path: String) throws -> ImageRecord? {
        try session.withStatements { sql in
            try sql.rows("SELECT \(Self.imageColumns) FROM image WHERE path = $1", binds(path)).first.map(Self.image)
        }
    }

    func registerImage(path: String, size: Int64, mtimeNanoseconds: Int64) throws -> ImageRecord {
        try session.withStatements { sql in
            try Self.image(sql.rows("""
                INSERT INTO image (path, size, mtimeNanoseconds, addedAt) VALUES ($1, $2, $3, $4)
                ON CONFLICT (path) DO UPDATE SET missingSince = NULL RETURNING \(Self.imageColumns)
                """, binds(path, size, mtimeNanoseconds, Date().storedTime))[0])
        }
    }

    func insertImages(_ images: [ImageRecord]) throws -> [ImageRecord] {
        try session.transaction { sql in try Self.insert(images, sql) }
    }

    /// Adds image rows; returns them with their ids. With `skippingKnownPaths`
    /// a path another machine added meanwhile is left as it is (and not returned).
    @discardableResult
    private static func insert(_ images: [ImageRecord], _ sql: PostgresStatements,
                               skippingKnownPaths: Bool = false) throws -> [ImageRecord] {
        let ids = try sql.insert("""
            INSERT INTO image (path, size, mtimeNanoseconds, contentHash, width, height, decodeStatus, decodeError,
                               addedAt, missingSince)
            """, columns: 10, rowCount: images.count,
            tail: (skippingKnownPaths ? "ON CONFLICT (path) DO NOTHING " : "") + "RETURNING id") { index, binds in
            let image = images[index]
            binds.append(image.path)
            binds.append(image.size)
            binds.append(image.mtimeNanoseconds)
            binds.append(image.contentHash)
            binds.append(image.width)
            binds.append(image.height)
            binds.append(image.decodeStatus.rawValue)
            binds.append(image.decodeError)
            binds.append(image.addedAt.storedTime)
            binds.append(image.missingSince?.storedTime)
        }
        if skippingKnownPaths { return [] }
        return try zip(images, ids).map { image, row in
            var stored = image
            stored.id = try row.decode(Int64.self)
            return stored
        }
    }

    func recordDecode(imageId: Int64, width: Int?, height: Int?, error: String?) throws {
        try session.withStatements { sql in
            var values = PostgresBindings()
            values.append(width)
            values.append(height)
            values.append((error == nil ? ImageRecord.DecodeStatus.ok : .failed).rawValue)
            values.append(error)
            values.append(imageId)
            try sql.execute("UPDATE image SET width = $1, height = $2, decodeStatus = $3, decodeError = $4 WHERE id = $5",
                            values)
        }
    }

    func storedImageStates() throws -> [StoredImageState] {
        try session.withStatements { sql in
            try sql.rows("SELECT id, path, size, mtimeNanoseconds, contentHash, missingSince FROM image").map { row in
                let (id, path, size, mtime, hash, missing) = try row.decode((Int64, String, Int64, Int64, String?, Date?).self)
                return StoredImageState(id: id, path: path, size: size, mtimeNanoseconds: mtime, contentHash: hash,
                                        missingSince: missing)
            }
        }
    }

    func apply(_ changes: [ImageChange], at date: Date) throws -> (staleMaps: [String], invalidatedScores: Int) {
        try session.transaction { sql in
            var staleMaps: [String] = []
            var invalidated = 0
            var added: [ImageRecord] = []
            for change in changes {
                switch change {
                case .add(let image):
                    added.append(image)
                case .update(let id, let size, let mtime, let hash, let contentsChanged):
                    var values = PostgresBindings()
                    values.append(size)
                    values.append(mtime)
                    values.append(hash)
                    values.append(id)
                    try sql.execute("""
                        UPDATE image SET size = $1, mtimeNanoseconds = $2, contentHash = $3, missingSince = NULL WHERE id = $4
                        """, values)
                    if contentsChanged {
                        try sql.execute("""
                            UPDATE image SET width = NULL, height = NULL, decodeStatus = 'unknown', decodeError = NULL
                            WHERE id = $1
                            """, binds(id))
                        let dropped = try sql.rows("DELETE FROM score WHERE imageId = $1 RETURNING mapFile", binds(id))
                        staleMaps += try dropped.compactMap { try $0.decode(String?.self) }
                        invalidated += dropped.count
                    }
                case .remove(let id):
                    try sql.execute("UPDATE image SET missingSince = $1 WHERE id = $2", binds(date.storedTime, id))
                }
            }
            // Shards started together each rescan: the first to add a file wins.
            try Self.insert(added, sql, skippingKnownPaths: true)
            return (staleMaps, invalidated)
        }
    }

    // MARK: - Models and thresholds

    func nextModelNumber() throws -> Int64 {
        try session.withStatements { sql in
            try sql.rows("SELECT nextval(pg_get_serial_sequence('model', 'id'))")[0].decode(Int64.self)
        }
    }

    func insertModel(_ model: ModelRecord, trainingImageIds: Set<Int64>, threshold: ThresholdRecord?) throws -> ModelRecord {
        try session.transaction { sql in
            var values = PostgresBindings()
            values.append(model.id!)
            values.append(model.name)
            values.append(model.detector)
            values.append(model.backbone)
            values.append(model.parameters)
            values.append(model.trainingImageCount)
            values.append(model.fitSeconds)
            values.append(model.file)
            values.append(model.createdAt.storedTime)
            values.append(model.parentId)
            try sql.execute("""
                INSERT INTO model (id, name, detector, backbone, parameters, trainingImageCount, fitSeconds, file, createdAt, parentId)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """, values)
            let trainingSet = Array(trainingImageIds)
            _ = try sql.insert("INSERT INTO modelTrainingImage (modelId, imageId)", columns: 2, rowCount: trainingSet.count) {
                index, binds in
                binds.append(model.id!)
                binds.append(trainingSet[index])
            }
            if var threshold {
                threshold.modelId = model.id!
                _ = try Self.insert(threshold, sql)
            }
            return model
        }
    }

    func models() throws -> [ModelRecord] {
        try session.withStatements { sql in
            try sql.rows("""
                SELECT id, name, detector, backbone, parameters, trainingImageCount, fitSeconds, file, createdAt, parentId
                FROM model ORDER BY id
                """).map { row in
                let (id, name, detector, backbone, parameters, count, seconds, file, created, parent) = try row.decode(
                    (Int64, String, String, String?, String, Int, Double, String, Date, Int64?).self)
                return ModelRecord(id: id, name: name, detector: detector, backbone: backbone, parameters: parameters,
                                   trainingImageCount: count, fitSeconds: seconds, file: file, createdAt: created,
                                   parentId: parent)
            }
        }
    }

    func trainingImageIds(of modelId: Int64) throws -> Set<Int64> {
        try session.withStatements { sql in
            Set(try sql.rows("SELECT imageId FROM modelTrainingImage WHERE modelId = $1", binds(modelId))
                .map { try $0.decode(Int64.self) })
        }
    }

    func insertThreshold(_ threshold: ThresholdRecord) throws -> ThresholdRecord {
        try session.transaction { sql in try Self.insert(threshold, sql) }
    }

    private static func insert(_ threshold: ThresholdRecord, _ sql: PostgresStatements) throws -> ThresholdRecord {
        var values = PostgresBindings()
        values.append(threshold.modelId)
        values.append(threshold.value)
        values.append(threshold.method.rawValue)
        values.append(threshold.target)
        values.append(threshold.detail)
        values.append(threshold.createdAt.storedTime)
        var stored = threshold
        stored.id = try sql.rows("""
            INSERT INTO threshold (modelId, value, method, target, detail, createdAt) VALUES ($1, $2, $3, $4, $5, $6)
            RETURNING id
            """, values)[0].decode(Int64.self)
        return stored
    }

    func currentThreshold(modelId: Int64) throws -> ThresholdRecord? {
        try session.withStatements { sql in
            try sql.rows("""
                SELECT id, modelId, value, method, target, detail, createdAt FROM threshold WHERE modelId = $1
                ORDER BY createdAt DESC, id DESC LIMIT 1
                """, binds(modelId)).first.map { row in
                let (id, model, value, method, target, detail, created) = try row.decode(
                    (Int64, Int64, Double, String, String?, String?, Date).self)
                return ThresholdRecord(id: id, modelId: model, value: value, method: ThresholdMethod(rawValue: method) ?? .manual,
                                       target: target, detail: detail, createdAt: created)
            }
        }
    }

    // MARK: - Scores

    func upsertScores(_ scores: [ScoreRecord]) throws {
        // One statement cannot change a row twice: the later score of a pair wins, as in SQLite.
        var latest: [ScoreKey: Int] = [:]
        for (index, score) in scores.enumerated() { latest[ScoreKey(modelId: score.modelId, imageId: score.imageId)] = index }
        let kept = scores.indices.filter { latest[ScoreKey(modelId: scores[$0].modelId, imageId: scores[$0].imageId)] == $0 }
            .map { scores[$0] }
        try session.transaction { sql in
            _ = try sql.insert("INSERT INTO score (modelId, imageId, raw, normalised, mapFile, scoredAt, scoringSeconds)",
                               columns: 7, rowCount: kept.count, tail: """
                ON CONFLICT (modelId, imageId) DO UPDATE SET raw = excluded.raw, normalised = excluded.normalised,
                    mapFile = excluded.mapFile, scoredAt = excluded.scoredAt, scoringSeconds = excluded.scoringSeconds
                """) { index, binds in
                let score = kept[index]
                binds.append(score.modelId)
                binds.append(score.imageId)
                binds.append(score.raw)
                binds.append(score.normalised)
                binds.append(score.mapFile)
                binds.append(score.scoredAt.storedTime)
                binds.append(score.scoringSeconds)
            }
        }
    }

    private struct ScoreKey: Hashable {
        var modelId: Int64
        var imageId: Int64
    }

    func scores(modelId: Int64) throws -> [ScoreRecord] {
        try session.withStatements { sql in
            try sql.rows("""
                SELECT modelId, imageId, raw, normalised, mapFile, scoredAt, scoringSeconds FROM score WHERE modelId = $1
                """, binds(modelId)).map { row in
                let (model, image, raw, normalised, map, scored, seconds) = try row.decode(
                    (Int64, Int64, Double, Double?, String?, Date, Double?).self)
                return ScoreRecord(modelId: model, imageId: image, raw: raw, normalised: normalised, mapFile: map,
                                   scoredAt: scored, scoringSeconds: seconds)
            }
        }
    }

    /// The same three scans as SQLite's, in one snapshot, each sent packed in one value.
    func listing(modelId: Int64) throws -> [ListedImage] {
        try session.snapshot { sql in try PackedListing.listing(modelId: modelId, sql) }
    }

    // MARK: - Labels

    /// Channel other workstations LISTEN on: one notification per committed batch of labels.
    static let labelChannel = "speck_labels"

    func insertLabels(_ labels: [LabelRecord], skippingRecorded: Bool) throws -> [LabelRecord] {
        try session.transaction { sql in
            var kept = labels
            if skippingRecorded {
                // Two imports at once must not both add the same label.
                try sql.execute("LOCK TABLE label IN SHARE ROW EXCLUSIVE MODE")
                var recorded = try Self.labels(of: Array(Set(labels.map(\.imageId))), sql)
                kept = []
                for label in labels where !recorded.contains(where: { $0.isSameLabel(as: label) }) {
                    kept.append(label)
                    recorded.append(label)
                }
            }
            return try Self.insertLabelRows(kept, sql)
        }
    }

    /// Adds label rows (with their batch numbers) and tells the watching
    /// workstations on commit; returns the rows with their ids.
    static func insertLabelRows(_ labels: [LabelRecord], _ sql: PostgresStatements) throws -> [LabelRecord] {
        let ids = try sql.insert("INSERT INTO label (imageId, verdict, note, author, createdAt, batchId)", columns: 6,
                                 rowCount: labels.count, tail: "RETURNING id") { index, binds in
            let label = labels[index]
            binds.append(label.imageId)
            binds.append(label.verdict.rawValue)
            binds.append(label.note)
            binds.append(label.author)
            binds.append(label.createdAt.storedTime)
            binds.append(label.batchId)
        }
        if !labels.isEmpty { try sql.execute("SELECT pg_notify('\(labelChannel)', $1)", binds(String(labels.count))) }
        return try zip(labels, ids).map { label, row in
            var stored = label
            stored.id = try row.decode(Int64.self)
            return stored
        }
    }

    private static func labels(of imageIds: [Int64], _ sql: PostgresStatements) throws -> [LabelRecord] {
        try sql.rows("SELECT id, imageId, verdict, note, author, createdAt FROM label WHERE imageId = ANY($1)",
                     binds(imageIds)).map { row in
            let (id, imageId, verdict, note, author, created) = try row.decode((Int64, Int64, String, String?, String, Date).self)
            return LabelRecord(id: id, imageId: imageId, verdict: LabelVerdict(rawValue: verdict) ?? .cleared, note: note,
                               author: author, createdAt: created)
        }
    }

    func currentLabels() throws -> [ImageLabel] {
        try imageLabels(LabelQueries.current)
    }

    func labelHistory() throws -> [ImageLabel] {
        try imageLabels(LabelQueries.history)
    }

    private func imageLabels(_ query: String) throws -> [ImageLabel] {
        try session.withStatements { sql in
            try sql.rows(query).map { row in
                let (imageId, path, verdict, note, author, created) = try row.decode((Int64, String, String, String?, String, Date).self)
                return ImageLabel(imageId: imageId, path: path, verdict: LabelVerdict(rawValue: verdict) ?? .cleared,
                                  note: note, author: author, createdAt: created)
            }
        }
    }
}

/// Bindings for `$1, $2, ...` in order.
func binds(_ values: any PostgresDynamicTypeEncodable...) -> PostgresBindings {
    var bindings = PostgresBindings(capacity: values.count)
    for value in values { bindings.append(value) }
    return bindings
}

extension Date {
    /// The time as the stores keep it: whole milliseconds (SQLite's text form holds no more).
    var storedTime: Date { Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded(.down) / 1000) }
}
