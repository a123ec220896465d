import Foundation

/// One label in an exchange file (CSV or JSON): what `speck labels export`
/// writes and `speck labels import` reads.
public struct LabelEntry: Sendable, Equatable, Codable {
    /// Image path relative to the workspace's image root.
    public var path: String
    public var verdict: LabelVerdict
    public var note: String?
    public var author: String
    public var createdAt: Date

    public init(path: String, verdict: LabelVerdict, note: String?, author: String, createdAt: Date) {
        self.path = path
        self.verdict = verdict
        self.note = note
        self.author = author
        self.createdAt = createdAt
    }

    public init(_ label: ImageLabel) {
        self.init(path: label.path, verdict: label.verdict, note: label.note, author: label.author,
                  createdAt: label.createdAt)
    }

    /// Whether `record` is this same label (times compared to the millisecond the store keeps).
    func matches(_ record: LabelRecord) -> Bool {
        record.verdict == verdict && record.note == note && record.author == author
            && abs(record.createdAt.timeIntervalSince(createdAt)) < 0.001
    }
}
