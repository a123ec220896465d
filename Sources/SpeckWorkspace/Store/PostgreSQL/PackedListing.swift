import Foundation
import NIOCore
import PostgresNIO

/// A listing's three scans as PostgreSQL sends them fastest: each scan packed
/// by the server into one `bytea` (big-endian integers and doubles as
/// `int8send`/`float8send` write them). One value instead of 100,000 rows
/// saves the client the wire protocol's per-row work, which was most of a
/// listing's time; the packing itself keeps the server's per-row work small
/// (few concatenations, no sort).
enum PackedListing {
    /// Present images: id × 4 + decode status code, then the path's UTF-8;
    /// records separated by a NUL (PostgreSQL text never holds one).
    static let images = """
        SELECT string_agg(int8send(id * 4 + CASE decodeStatus WHEN 'ok' THEN 1 WHEN 'failed' THEN 2 ELSE 0 END)
                          || convert_to(path, 'UTF8'), '\\x00'::bytea)
        FROM image WHERE missingSince IS NULL
        """

    /// The label history, oldest first: image id × 4 + verdict code.
    static let labels = """
        SELECT string_agg(int8send(imageId * 4 + CASE verdict WHEN 'normal' THEN 1 WHEN 'anomalous' THEN 2 ELSE 0 END),
                          ''::bytea ORDER BY createdAt, id)
        FROM label
        """

    /// One model's scores, in no order: image id, raw, normalised (NaN for
    /// none, as SQLite reads a NaN back as none).
    static let scores = """
        SELECT string_agg(int8send(imageId) || float8send(raw) || float8send(COALESCE(normalised, 'NaN')), ''::bytea)
        FROM score WHERE modelId = $1
        """

    private static let statuses: [ImageRecord.DecodeStatus] = [.unknown, .ok, .failed]
    private static let verdicts: [LabelVerdict] = [.cleared, .normal, .anomalous]

    /// Runs the three scans in `sql`'s snapshot and joins them.
    static func listing(modelId: Int64, _ sql: PostgresStatements) throws -> [ListedImage] {
        var builder = ListingBuilder()
        try read(images, sql) { records in
            let (id, status) = try records.idAndCode()
            builder.addImage(id: id, path: try records.text(), decodeStatus: statuses[status])
        }
        try read(labels, sql) { records in
            let (imageId, verdict) = try records.idAndCode()
            builder.addLabel(imageId: imageId, verdict: verdicts[verdict])
        }
        var scores: [RankedScore] = []
        var modelBinds = PostgresBindings()
        modelBinds.append(modelId)
        try read(self.scores, sql, modelBinds) { records in
            let imageId = try records.int64(), raw = try records.double(), normalised = try records.double()
            scores.append(RankedScore(imageId: imageId, raw: raw, normalised: normalised.isNaN ? nil : normalised))
        }
        // Sorted here rather than by the server: the same order (highest first, ties by image id), less server time.
        scores.sort { $0.raw != $1.raw ? $0.raw > $1.raw : $0.imageId < $1.imageId }
        for score in scores { builder.addScore(imageId: score.imageId, raw: score.raw, normalised: score.normalised) }
        return builder.finish()
    }

    private struct RankedScore {
        var imageId: Int64
        var raw: Double
        var normalised: Double?
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
