import Foundation
import GRDB

/// An image's label as shown and exported: the label row with the image path.
public struct ImageLabel: Sendable, Equatable, Codable, FetchableRecord {
    public var imageId: Int64
    public var path: String
    public var verdict: LabelVerdict
    public var note: String?
    public var author: String
    public var createdAt: Date
}

extension Workspace {
    /// Labels `images`, one transaction: all of them are recorded or none.
    @discardableResult
    public func label(_ images: [ImageRecord], as verdict: LabelVerdict, note: String? = nil,
                      author: String = CurrentUser.name, at date: Date = Date()) throws -> [LabelRecord] {
        try database.write { db in
            try images.map { image in
                var record = LabelRecord(imageId: image.id!, verdict: verdict, note: note, author: author, createdAt: date)
                try record.insert(db)
                return record
            }
        }
    }

    /// The label in force for every labelled image (newest wins; cleared ones left out), by path.
    public func currentLabels() throws -> [ImageLabel] {
        try database.read { db in
            try ImageLabel.fetchAll(db, sql: """
                SELECT label.imageId, image.path, label.verdict, label.note, label.author, label.createdAt
                FROM label JOIN image ON image.id = label.imageId
                WHERE label.id = (SELECT newest.id FROM label AS newest WHERE newest.imageId = label.imageId
                                  ORDER BY newest.createdAt DESC, newest.id DESC LIMIT 1)
                  AND label.verdict != 'cleared'
                ORDER BY image.path
                """)
        }
    }

    /// Every label ever given, oldest first.
    public func labelHistory() throws -> [ImageLabel] {
        try database.read { db in
            try ImageLabel.fetchAll(db, sql: """
                SELECT label.imageId, image.path, label.verdict, label.note, label.author, label.createdAt
                FROM label JOIN image ON image.id = label.imageId
                ORDER BY label.createdAt, label.id
                """)
        }
    }

    /// Adds labels from an exchange file, skipping ones already recorded
    /// (same image, verdict, note, author and time) so imports can be repeated.
    /// Returns how many were added.
    public func importLabels(_ labels: [(image: ImageRecord, entry: LabelEntry)]) throws -> Int {
        try database.write { db in
            var added = 0
            for (image, entry) in labels {
                let existing = try LabelRecord.filter(Column("imageId") == image.id!).fetchAll(db)
                if existing.contains(where: { entry.matches($0) }) { continue }
                var record = LabelRecord(imageId: image.id!, verdict: entry.verdict, note: entry.note,
                                         author: entry.author, createdAt: entry.createdAt)
                try record.insert(db)
                added += 1
            }
            return added
        }
    }
}
