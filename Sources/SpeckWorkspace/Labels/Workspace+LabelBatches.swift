import Foundation

/// What undoing an image's label did: the labels now in force for the images
/// it touched (`cleared` when an image has none again).
public struct LabelUndo: Sendable, Equatable {
    /// The batch undone, or nil when a single label was cleared.
    public var batchId: Int64?
    public var restored: [Int64: LabelVerdict]

    /// The note of an undo row that restores "no label" (both stores write it).
    static func note(batchId: Int64) -> String { "undoes batch \(batchId)" }
}

extension Workspace {
    /// Labels several images in one step: one transaction (all or none) and
    /// one batch number, so that `undoLabel` can take the step back as a whole.
    @discardableResult
    public func labelBatch(_ images: [ImageRecord], as verdict: LabelVerdict, note: String? = nil,
                           author: String = CurrentUser.name, at date: Date = Date()) throws
        -> (batchId: Int64, records: [LabelRecord]) {
        try store.insertLabelBatch(images.map { image in
            LabelRecord(imageId: image.id!, verdict: verdict, note: note, author: author, createdAt: date)
        })
    }

    /// Undoes the label in force on an image. A label given in a batch undoes
    /// the whole batch: each of its images gets back the label it had before
    /// (unless it was relabelled since); a single label is cleared. The
    /// history only grows: the undo adds rows, in one transaction.
    @discardableResult
    public func undoLabel(imageId: Int64, author: String = CurrentUser.name, at date: Date = Date()) throws -> LabelUndo {
        try store.undoLabel(imageId: imageId, author: author, at: date)
    }
}
