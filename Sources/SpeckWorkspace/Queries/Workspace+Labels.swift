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
        let labels = images.map {
            LabelRecord(imageId: $0.id!, verdict: verdict, note: note, author: author, createdAt: date)
        }
        return try store.insertLabels(labels, skippingRecorded: false)
    }

    /// The label in force for every labelled image (newest wins; cleared ones left out), by path.
    public func currentLabels() throws -> [ImageLabel] {
        try store.currentLabels()
    }

    /// Every label ever given, oldest first.
    public func labelHistory() throws -> [ImageLabel] {
        try store.labelHistory()
    }

    /// Adds labels from an exchange file, skipping ones already recorded
    /// (same image, verdict, note, author and time) so imports can be repeated.
    /// Returns how many were added.
    public func importLabels(_ labels: [(image: ImageRecord, entry: LabelEntry)]) throws -> Int {
        let records = labels.map { image, entry in
            LabelRecord(imageId: image.id!, verdict: entry.verdict, note: entry.note, author: entry.author,
                        createdAt: entry.createdAt)
        }
        return try store.insertLabels(records, skippingRecorded: true).count
    }
}
