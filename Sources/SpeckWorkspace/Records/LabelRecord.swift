import Foundation
import GRDB

/// An inspector's verdict on an image. Labels are never updated in place:
/// each change adds a row and the newest row of an image is its label.
public struct LabelRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "label"

    public var id: Int64?
    public var imageId: Int64
    public var verdict: LabelVerdict
    public var note: String?
    /// Who labelled ($USER).
    public var author: String
    public var createdAt: Date
    /// Shared by the labels given in one step to several images (nil for a single label).
    public var batchId: Int64?

    public init(id: Int64? = nil, imageId: Int64, verdict: LabelVerdict, note: String? = nil,
                author: String, createdAt: Date = Date(), batchId: Int64? = nil) {
        self.id = id
        self.imageId = imageId
        self.verdict = verdict
        self.note = note
        self.author = author
        self.createdAt = createdAt
        self.batchId = batchId
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// What an inspector says an image is. `cleared` withdraws an earlier label
/// while keeping it in the history.
public enum LabelVerdict: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case normal
    case anomalous
    case cleared
}
