import Foundation
import GRDB

/// The workspace's rows in one SQLite file (WAL mode) in the store folder.
///
/// One writer at a time, any number of concurrent readers: a fit or a scoring
/// run streams results in while the workstation lists and sorts. Every write
/// is one transaction; `synchronous = FULL` makes each commit durable, so a
/// label that was reported saved survives a crash or a power cut.
final class SQLiteStore: WorkspaceStore {
    let database: DatabasePool

    var description: String { database.path }

    /// Opens (creating when absent) and migrates the database at `url`.
    init(at url: URL) throws {
        var configuration = Configuration()
        // Another Speck process (the TUI and a CLI command) may hold the write lock briefly.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Reads through memory mapping and a 64 MB page cache: sorted listings of
            // 100,000 images jump around the image table and would otherwise re-read pages.
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        database = try DatabasePool(path: url.path, configuration: configuration)
        let migrator = SchemaMigrations.migrator
        if try database.read(migrator.hasBeenSuperseded) {
            throw WorkspaceError.madeByNewerSpeck(url.deletingLastPathComponent().path)
        }
        try migrator.migrate(database)
    }

    func appliedMigrations() throws -> [String] {
        try database.read { try SchemaMigrations.migrator.appliedIdentifiers($0) }.sorted()
    }

    func setting(_ key: String) throws -> String? {
        try database.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }
    }

    func setSetting(_ key: String, to value: String) throws {
        try database.write { db in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        }
    }

    // MARK: - Images

    func images() throws -> [ImageRecord] {
        try database.read { db in try ImageRecord.order(ImageRecord.Columns.path).fetchAll(db) }
    }

    func image(path: String) throws -> ImageRecord? {
        try database.read { db in try ImageRecord.filter(ImageRecord.Columns.path == path).fetchOne(db) }
    }

    func registerImage(path: String, size: Int64, mtimeNanoseconds: Int64) throws -> ImageRecord {
        try database.write { db in
            if var existing = try ImageRecord.filter(ImageRecord.Columns.path == path).fetchOne(db) {
                existing.missingSince = nil
                try existing.update(db)
                return existing
            }
            var record = ImageRecord(path: path, size: size, mtimeNanoseconds: mtimeNanoseconds)
            try record.insert(db)
            return record
        }
    }

    func insertImages(_ images: [ImageRecord]) throws -> [ImageRecord] {
        try database.write { db in
            try images.map { image in
                var record = image
                try record.insert(db)
                return record
            }
        }
    }

    func recordDecode(imageId: Int64, width: Int?, height: Int?, error: String?) throws {
        try database.write { db in
            try db.execute(sql: """
                UPDATE image SET width = ?, height = ?, decodeStatus = ?, decodeError = ? WHERE id = ?
                """, arguments: [width, height,
                                 (error == nil ? ImageRecord.DecodeStatus.ok : .failed).rawValue, error, imageId])
        }
    }

    func storedImageStates() throws -> [StoredImageState] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, path, size, mtimeNanoseconds, contentHash, missingSince FROM image").map {
                StoredImageState(id: $0[0], path: $0[1], size: $0[2], mtimeNanoseconds: $0[3], contentHash: $0[4],
                                 missingSince: $0[5])
            }
        }
    }

    func apply(_ changes: [ImageChange], at date: Date) throws -> (staleMaps: [String], invalidatedScores: Int) {
        try database.write { db in
            var staleMaps: [String] = []
            var invalidated = 0
            for change in changes {
                switch change {
                case .add(let image):
                    var record = image
                    try record.insert(db)
                case .update(let id, let size, let mtime, let hash, let contentsChanged):
                    try db.execute(sql: """
                        UPDATE image SET size = ?, mtimeNanoseconds = ?, contentHash = ?, missingSince = NULL WHERE id = ?
                        """, arguments: [size, mtime, hash, id])
                    if contentsChanged {
                        try db.execute(sql: """
                            UPDATE image SET width = NULL, height = NULL, decodeStatus = 'unknown', decodeError = NULL
                            WHERE id = ?
                            """, arguments: [id])
                        staleMaps += try String.fetchAll(db, sql: "SELECT mapFile FROM score WHERE imageId = ? AND mapFile IS NOT NULL",
                                                         arguments: [id])
                        try db.execute(sql: "DELETE FROM score WHERE imageId = ?", arguments: [id])
                        invalidated += db.changesCount
                    }
                case .remove(let id):
                    try db.execute(sql: "UPDATE image SET missingSince = ? WHERE id = ?", arguments: [date, id])
                }
            }
            return (staleMaps, invalidated)
        }
    }

    // MARK: - Models and thresholds

    func nextModelNumber() throws -> Int64 {
        let highest = try database.read { db in
            try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'model'")
        } ?? 0
        return highest + 1
    }

    func insertModel(_ model: ModelRecord, trainingImageIds: Set<Int64>, threshold: ThresholdRecord?) throws -> ModelRecord {
        try database.write { db in
            var record = model
            try record.insert(db)
            for imageId in trainingImageIds {
                try ModelTrainingImage(modelId: record.id!, imageId: imageId).insert(db)
            }
            if var threshold {
                threshold.modelId = record.id!
                try threshold.insert(db)
            }
            return record
        }
    }

    func models() throws -> [ModelRecord] {
        try database.read { db in try ModelRecord.order(ModelRecord.Columns.id).fetchAll(db) }
    }

    func trainingImageIds(of modelId: Int64) throws -> Set<Int64> {
        try database.read { db in
            Set(try Int64.fetchAll(db, sql: "SELECT imageId FROM modelTrainingImage WHERE modelId = ?",
                                   arguments: [modelId]))
        }
    }

    func insertThreshold(_ threshold: ThresholdRecord) throws -> ThresholdRecord {
        try database.write { db in
            var record = threshold
            try record.insert(db)
            return record
        }
    }

    func currentThreshold(modelId: Int64) throws -> ThresholdRecord? {
        try database.read { db in
            try ThresholdRecord.fetchOne(db, sql: """
                SELECT * FROM threshold WHERE modelId = ? ORDER BY createdAt DESC, id DESC LIMIT 1
                """, arguments: [modelId])
        }
    }

    // MARK: - Scores

    func upsertScores(_ scores: [ScoreRecord]) throws {
        try database.write { db in
            for record in scores { try record.upsert(db) }
        }
    }

    func scores(modelId: Int64) throws -> [ScoreRecord] {
        try database.read { db in try ScoreRecord.filter(Column("modelId") == modelId).fetchAll(db) }
    }

    /// Three sequential scans (images, the label history, the model's scores
    /// in rank order from the `scoreRanking` covering index) joined by
    /// `ListingBuilder`: for 100,000 images this is several times cheaper than
    /// letting SQLite follow each score to its image row, and leaves nothing to sort.
    func listing(modelId: Int64) throws -> [ListedImage] {
        try database.read { db in
            var builder = ListingBuilder()
            var images = try StatementRows(db, sql: "SELECT id, path, decodeStatus FROM image WHERE missingSince IS NULL")
            while let row = try images.next() {
                builder.addImage(id: row.int64(0), path: row.text(1),
                                 decodeStatus: ImageRecord.DecodeStatus(rawValue: row.text(2)) ?? .unknown)
            }
            var labels = try StatementRows(db, sql: "SELECT imageId, verdict FROM label ORDER BY createdAt, id")
            while let row = try labels.next() {
                builder.addLabel(imageId: row.int64(0), verdict: LabelVerdict(rawValue: row.text(1)))
            }
            var scores = try StatementRows(db, sql: """
                SELECT imageId, raw, normalised FROM score INDEXED BY scoreRanking
                WHERE modelId = ? ORDER BY raw DESC, imageId
                """, arguments: [modelId])
            while let row = try scores.next() {
                builder.addScore(imageId: row.int64(0), raw: row.double(1), normalised: row.double(2))
            }
            return builder.finish()
        }
    }

    // MARK: - Labels

    func insertLabels(_ labels: [LabelRecord], skippingRecorded: Bool) throws -> [LabelRecord] {
        try database.write { db in
            var added: [LabelRecord] = []
            for label in labels {
                if skippingRecorded {
                    let existing = try LabelRecord.filter(Column("imageId") == label.imageId).fetchAll(db)
                    if existing.contains(where: { $0.isSameLabel(as: label) }) { continue }
                }
                var record = label
                try record.insert(db)
                added.append(record)
            }
            return added
        }
    }

    func currentLabels() throws -> [ImageLabel] {
        try database.read { db in try ImageLabel.fetchAll(db, sql: LabelQueries.current) }
    }

    func labelHistory() throws -> [ImageLabel] {
        try database.read { db in try ImageLabel.fetchAll(db, sql: LabelQueries.history) }
    }
}
