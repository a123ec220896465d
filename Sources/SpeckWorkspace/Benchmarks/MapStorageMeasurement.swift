import Foundation
import GRDB
import SpeckDetectors

/// Float16 map files against the same bytes as blobs in a WAL database: the
/// measurement behind keeping cached anomaly maps as files.
public struct MapStorageMeasurement: Sendable {
    public var maps: Int
    public var bytesPerMap: Int
    public var fileWriteSeconds: Double
    public var fileReadSeconds: Double
    public var blobWriteSeconds: Double
    public var blobReadSeconds: Double
    /// Size the WAL reached while the blobs went in (it is written twice: WAL, then checkpoint).
    public var walBytes: Int

    /// Writes and reads back `maps` maps of `side`x`side` both ways under `folder`.
    public static func measure(in folder: String, maps: Int, side: Int) throws -> MapStorageMeasurement {
        try FileManager.default.createDirectory(atPath: folder + "/files", withIntermediateDirectories: true)
        let map = AnomalyMap(width: side, height: side,
                             values: (0 ..< side * side).map { Float(sin(Double($0) * 0.001)) * 4 })
        let order = (0 ..< maps).shuffled()
        var result = MapStorageMeasurement(maps: maps, bytesPerMap: AnomalyMapCodec.encode(map).count,
                                           fileWriteSeconds: 0, fileReadSeconds: 0, blobWriteSeconds: 0,
                                           blobReadSeconds: 0, walBytes: 0)

        // Files: one atomic write per map, as `Workspace.saveScores` stores them.
        result.fileWriteSeconds = try timed {
            for i in 0 ..< maps {
                try AtomicFile.write(AnomalyMapCodec.encode(map), to: URL(fileURLWithPath: folder + "/files/\(i).f16"))
            }
        }
        result.fileReadSeconds = try timed {
            for i in order {
                guard let data = FileManager.default.contents(atPath: folder + "/files/\(i).f16"),
                      AnomalyMapCodec.decode(data) != nil else { throw WorkspaceError.noSuchFile("map \(i)") }
            }
        }

        // Blobs: the workspace's database settings, 16 maps per transaction.
        var configuration = Configuration()
        configuration.prepareDatabase { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        let pool = try DatabasePool(path: folder + "/blobs.sqlite", configuration: configuration)
        defer { try? pool.close() }
        try pool.write { try $0.execute(sql: "CREATE TABLE map (id INTEGER PRIMARY KEY, data BLOB NOT NULL)") }
        result.blobWriteSeconds = try timed {
            for batch in stride(from: 0, to: maps, by: 16) {
                try pool.write { db in
                    for i in batch ..< min(batch + 16, maps) {
                        try db.execute(sql: "INSERT INTO map (id, data) VALUES (?, ?)",
                                       arguments: [i, AnomalyMapCodec.encode(map)])
                    }
                }
            }
        }
        result.walBytes = (try? FileManager.default.attributesOfItem(atPath: folder + "/blobs.sqlite-wal")[.size] as? Int) ?? 0
        result.blobReadSeconds = try timed {
            try pool.read { db in
                for i in order {
                    guard let data = try Data.fetchOne(db, sql: "SELECT data FROM map WHERE id = ?", arguments: [i]),
                          AnomalyMapCodec.decode(data) != nil else { throw WorkspaceError.noSuchFile("map blob \(i)") }
                }
            }
        }
        return result
    }

    private static func timed(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }
}
