import Foundation
import GRDB

/// What undoing an image's label did: the labels now in force for the images
/// it touched (`cleared` when an image has none again).
public struct LabelUndo: Sendable, Equatable {
    /// The batch undone, or nil when a single label was cleared.
    public var batchId: Int64?
    public var restored: [Int64: LabelVerdict]
}

extension Workspace {
    /// Labels several images in one step: one transaction (all or none) and
    /// one batch number, so that `undoLabel` can take the step back as a whole.
    @discardableResult
    public func labelBatch(_ images: [ImageRecord], as verdict: LabelVerdict, note: String? = nil,
                           author: String = CurrentUser.name, at date: Date = Date()) throws
        -> (batchId: Int64, records: [LabelRecord]) {
        // Batches are numbered in SQLite only so far: elsewhere the labels go in as one step without a number.
        guard store is SQLiteStore else { return (0, try label(images, as: verdict, note: note, author: author, at: date)) }
        return try database.write { db in
            let batchId = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(batchId), 0) + 1 FROM label") ?? 1
            let records = try images.map { image in
                var record = LabelRecord(imageId: image.id!, verdict: verdict, note: note, author: author,
                                         createdAt: date, batchId: batchId)
                try record.insert(db)
                return record
            }
            return (batchId, records)
        }
    }

    /// Undoes the label in force on an image. A label given in a batch undoes
    /// the whole batch: each of its images gets back the label it had before
    /// (unless it was relabelled since); a single label is cleared. The
    /// history only grows: the undo adds rows, in one transaction.
    @discardableResult
    public func undoLabel(imageId: Int64, author: String = CurrentUser.name, at date: Date = Date()) throws -> LabelUndo {
        guard store is SQLiteStore else { return try clearLabel(imageId: imageId, author: author, at: date) }
        return try database.write { db in
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
                var undo = LabelRecord(imageId: row.imageId, verdict: verdict, note: before?.note ?? "undoes batch \(batchId)",
                                       author: author, createdAt: date)
                try undo.insert(db)
                restored[row.imageId] = verdict
            }
            return LabelUndo(batchId: batchId, restored: restored)
        }
    }

    /// Undo without batches (a PostgreSQL store): the image's label is cleared.
    private func clearLabel(imageId: Int64, author: String, at date: Date) throws -> LabelUndo {
        guard let current = try currentLabels().first(where: { $0.imageId == imageId }), current.verdict != .cleared else {
            return LabelUndo(batchId: nil, restored: [:])
        }
        _ = try store.insertLabels([LabelRecord(imageId: imageId, verdict: .cleared, author: author, createdAt: date)],
                                   skippingRecorded: false)
        return LabelUndo(batchId: nil, restored: [imageId: .cleared])
    }

    private static func newestLabel(of imageId: Int64, _ db: Database) throws -> LabelRecord? {
        try LabelRecord.fetchOne(db, sql: """
            SELECT * FROM label WHERE imageId = ? ORDER BY createdAt DESC, id DESC LIMIT 1
            """, arguments: [imageId])
    }
}
