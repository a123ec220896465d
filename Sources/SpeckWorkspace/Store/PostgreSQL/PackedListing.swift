import Foundation
import NIOCore
import PostgresNIO

/// A listing's three scans as PostgreSQL sends them fastest: each scan packed
/// by the server into one `bytea` of fixed-layout records (big-endian
/// integers and doubles as `int8send`/`float8send` write them, text as
/// NUL-ended UTF-8: PostgreSQL text never holds a NUL). One row instead of
/// 100,000 saves the client the per-row work of the wire protocol, which
/// was most of a listing's time.
enum PackedListing {
    /// Present images: id, path, decode status.
    static let images = """
        SELECT string_agg(int8send(id) || convert_to(path, 'UTF8') || '\\x00'::bytea
                          || convert_to(decodeStatus, 'UTF8') || '\\x00'::bytea, ''::bytea)
        FROM image WHERE missingSince IS NULL
        """

    /// The label history, oldest first: image id, verdict.
    static let labels = """
        SELECT string_agg(int8send(imageId) || convert_to(verdict, 'UTF8') || '\\x00'::bytea, ''::bytea
                          ORDER BY createdAt, id)
        FROM label
        """

    /// One model's scores, highest first: image id, raw score, then 1 and the
    /// normalised score, or 0 when it has none.
    static let scores = """
        SELECT string_agg(int8send(imageId) || float8send(raw)
                          || CASE WHEN normalised IS NULL THEN '\\x00'::bytea ELSE '\\x01'::bytea || float8send(normalised) END,
                          ''::bytea ORDER BY raw DESC, imageId)
        FROM score WHERE modelId = $1
        """

    /// Runs the three scans in `sql`'s snapshot and joins them.
    static func listing(modelId: Int64, _ sql: PostgresStatements) throws -> [ListedImage] {
        var builder = ListingBuilder()
        try read(images, sql) { records in
            builder.addImage(id: try records.int64(), path: try records.text(), decodeStatus: try records.text())
        }
        try read(labels, sql) { records in
            builder.addLabel(imageId: try records.int64(), verdict: try records.text())
        }
        var modelBinds = PostgresBindings()
        modelBinds.append(modelId)
        try read(scores, sql, modelBinds) { records in
            let imageId = try records.int64(), raw = try records.double()
            builder.addScore(imageId: imageId, raw: raw, normalised: try records.byte() == 0 ? nil : try records.double())
        }
        return builder.finish()
    }

    /// Calls `record` until the packed records of `query`'s one value are read.
    private static func read(_ query: String, _ sql: PostgresStatements, _ binds: PostgresBindings = PostgresBindings(),
                             record: (inout PackedRecords) throws -> Void) throws {
        guard let packed = try sql.rows(query, binds).first?.decode(ByteBuffer?.self) else { return }
        try packed.withUnsafeReadableBytes { bytes in
            var records = PackedRecords(bytes: bytes)
            while !records.isAtEnd { try record(&records) }
        }
    }
}

/// A cursor over packed records (see `PackedListing`).
struct PackedRecords {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func int64() throws -> Int64 {
        guard offset + 8 <= bytes.count else { throw Truncated() }
        defer { offset += 8 }
        return Int64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
    }

    mutating func double() throws -> Double {
        Double(bitPattern: UInt64(bitPattern: try int64()))
    }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw Truncated() }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// UTF-8 up to the next NUL, which is skipped.
    mutating func text() throws -> String {
        guard let end = bytes[offset...].firstIndex(of: 0) else { throw Truncated() }
        defer { offset = end + 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset ..< end]), as: UTF8.self)
    }

    struct Truncated: Error, CustomStringConvertible {
        var description: String { "a packed listing from the server ended in the middle of a record" }
    }
}
