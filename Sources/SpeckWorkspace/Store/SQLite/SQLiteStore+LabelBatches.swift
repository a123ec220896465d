import Foundation
import GRDB

/// Label batches and their undo in SQLite: one write transaction each, so a
/// second writer waits and numbers its batch after this one.
extension SQLiteStore {
    func insertLabelBatch(_ labels: [LabelRecord]) throws -> (batchId: Int64, records: [LabelRecord]) {
        try database.write { db in
            let batchId = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(batchId), 0) + 1 FROM label") ?? 1
            let records = try labels.map { label in
                var record = label
                record.batchId = batchId
                try record.insert(db)
                return record
            }
            return (batchId, records)
        }
    }

    func undoLabel(imageId: Int64, author: String, at date: Date) throws -> LabelUndo {
        try database.write { db in
            guard let current = try Self.newestLabel(of: imageId, db), current.verdict != .cleared else {
                return LabelUndo(batchId: nil, restored: [:])
            }
            guard let batchId = current.batchId else {
                var cleared = LabelRecord(imageId: imageId, verdict: .cleared, author: author, createdAt: date)
                try cleared.insert(db)
                return LabelUndo(batchId: nil, restored: [imageId: .cleared])
            }
            var restored: [Int64: LabelVerdict] = [:]
            for row in try LabelRecord.filter(Column("batchId") == batchId).fetchAll(db) {
                guard try Self.newestLabel(of: row.imageId, db)?.id == row.id else { continue }
                let before = try LabelRecord.fetchOne(db, sql: """
                    SELECT * FROM label WHERE imageId = ? AND (createdAt < ? OR (createdAt = ? AND id < ?))
                    ORDER BY createdAt DESC, id DESC LIMIT 1
                    """, arguments: [row.imageId, row.createdAt, row.createdAt, row.id])
                let verdict = before?.verdict ?? .cleared
                var undo = LabelRecord(imageId: row.imageId, verdict: verdict,
                                       note: before?.note ?? LabelUndo.note(batchId: batchId), author: author, createdAt: date)
                try undo.insert(db)
                restored[row.imageId] = verdict
            }
            return LabelUndo(batchId: batchId, restored: restored)
        }
    }

    private static func newestLabel(of imageId: Int64, _ db: Database) throws -> LabelRecord? {
        try LabelRecord.fetchOne(db, sql: """
            SELECT * FROM label WHERE imageId = ? ORDER BY createdAt DESC, id DESC LIMIT 1
            """, arguments: [imageId])
    }
}
