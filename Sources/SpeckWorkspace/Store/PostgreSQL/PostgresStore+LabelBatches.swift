import Foundation
import PostgresNIO

/// Label batches and their undo in PostgreSQL, as SQLite keeps them. Each
/// transaction first locks the label table against other writers (readers
/// go on): two inspectors' batches never get one number, and an undo reads
/// labels that stay the newest until it commits.
extension PostgresStore {
    func insertLabelBatch(_ labels: [LabelRecord]) throws -> (batchId: Int64, records: [LabelRecord]) {
        try session.transaction { sql in
            try sql.execute("LOCK TABLE label IN SHARE ROW EXCLUSIVE MODE")
            let batchId = try sql.rows("SELECT COALESCE(MAX(batchId), 0) + 1 FROM label")[0].decode(Int64.self)
            let numbered = labels.map { label in
                var numbered = label
                numbered.batchId = batchId
                return numbered
            }
            return (batchId, try Self.insertLabelRows(numbered, sql))
        }
    }

    func undoLabel(imageId: Int64, author: String, at date: Date) throws -> LabelUndo {
        try session.transaction { sql in
            try sql.execute("LOCK TABLE label IN SHARE ROW EXCLUSIVE MODE")
            let newest = try sql.rows("""
                SELECT verdict, batchId FROM label WHERE imageId = $1 ORDER BY createdAt DESC, id DESC LIMIT 1
                """, binds(imageId)).first.map { try $0.decode((String, Int64?).self) }
            guard let (verdict, batch) = newest, verdict != LabelVerdict.cleared.rawValue else {
                return LabelUndo(batchId: nil, restored: [:])
            }
            guard let batchId = batch else {
                _ = try Self.insertLabelRows([LabelRecord(imageId: imageId, verdict: .cleared, author: author, createdAt: date)], sql)
                return LabelUndo(batchId: nil, restored: [imageId: .cleared])
            }
            // The batch's labels still in force, each with the label its image had before the batch.
            let rows = try sql.rows("""
                SELECT given.imageId, prior.verdict, prior.note
                FROM label AS given
                LEFT JOIN LATERAL (SELECT earlier.verdict, earlier.note FROM label AS earlier
                                   WHERE earlier.imageId = given.imageId
                                     AND (earlier.createdAt < given.createdAt
                                          OR (earlier.createdAt = given.createdAt AND earlier.id < given.id))
                                   ORDER BY earlier.createdAt DESC, earlier.id DESC LIMIT 1) AS prior ON TRUE
                WHERE given.batchId = $1
                  AND given.id = (SELECT newest.id FROM label AS newest WHERE newest.imageId = given.imageId
                                  ORDER BY newest.createdAt DESC, newest.id DESC LIMIT 1)
                """, binds(batchId))
            var restored: [Int64: LabelVerdict] = [:]
            let undos = try rows.map { row in
                let (image, priorVerdict, priorNote) = try row.decode((Int64, String?, String?).self)
                let verdict = priorVerdict.flatMap(LabelVerdict.init(rawValue:)) ?? .cleared
                restored[image] = verdict
                return LabelRecord(imageId: image, verdict: verdict, note: priorNote ?? LabelUndo.note(batchId: batchId),
                                   author: author, createdAt: date)
            }
            _ = try Self.insertLabelRows(undos, sql)
            return LabelUndo(batchId: batchId, restored: restored)
        }
    }
}
