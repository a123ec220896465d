import Foundation
import GRDB

/// One image file under the workspace's image root, as last seen by a rescan.
public struct ImageRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "image"

    public var id: Int64?
    /// Path relative to the image root, with `/` separators.
    public var path: String
    public var size: Int64
    /// Modification time in nanoseconds since 1970, compared exactly on rescan.
    public var mtimeNanoseconds: Int64
    /// `Checksum64` of the contents as hex; computed when size or mtime change.
    public var contentHash: String?
    public var width: Int?
    public var height: Int?
    public var decodeStatus: DecodeStatus
    /// Why the file could not be decoded, in the user's words.
    public var decodeError: String?
    public var addedAt: Date
    /// When the file was found missing by a rescan; nil while it exists.
    public var missingSince: Date?

    public enum DecodeStatus: String, Codable, Sendable, DatabaseValueConvertible {
        /// Not decoded yet (a rescan only reads file metadata and contents' hash).
        case unknown
        case ok
        case failed
    }

    public init(id: Int64? = nil, path: String, size: Int64, mtimeNanoseconds: Int64, contentHash: String? = nil,
                width: Int? = nil, height: Int? = nil, decodeStatus: DecodeStatus = .unknown,
                decodeError: String? = nil, addedAt: Date = Date(), missingSince: Date? = nil) {
        self.id = id
        self.path = path
        self.size = size
        self.mtimeNanoseconds = mtimeNanoseconds
        self.contentHash = contentHash
        self.width = width
        self.height = height
        self.decodeStatus = decodeStatus
        self.decodeError = decodeError
        self.addedAt = addedAt
        self.missingSince = missingSince
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let path = Column(CodingKeys.path)
        public static let missingSince = Column(CodingKeys.missingSince)
    }
}
