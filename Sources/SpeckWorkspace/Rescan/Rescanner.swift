import Foundation
import GRDB
import SpeckImaging

/// Brings the image table in line with the files under the image root:
/// new files are added, changed ones (size or mtime moved, then the content
/// hash differs) lose their scores and cached maps, vanished ones are marked
/// missing (their labels stay). An unchanged folder costs one directory walk
/// and one read of the image table.
public struct Rescanner {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

    private struct KnownImage: FetchableRecord, Decodable {
        var id: Int64
        var path: String
        var size: Int64
        var mtimeNanoseconds: Int64
        var contentHash: String?
        var missingSince: Date?
    }

    private enum Change {
        case add(String, FileFingerprint, hash: String?)
        case update(KnownImage, FileFingerprint, hash: String?, contentsChanged: Bool)
        case remove(KnownImage)
    }

    @discardableResult
    public func rescan(now: Date = Date()) throws -> RescanReport {
        let location = workspace.location
        // The dataset listing decides what counts as an image (hidden files such
        // as `.speck/` and MVTec masks are not); only then is each file stat'ed.
        let dataset = try Dataset.discover(at: location.imageRoot.path)
        var files: [String: FileFingerprint] = [:]
        var report = RescanReport()
        report.problems = dataset.problems.map { "\($0.path): \($0.reason)" }
        for sample in dataset.samples {
            if let fingerprint = FileFingerprint(path: sample.path) {
                files[sample.relativePath] = fingerprint
            } else {
                report.problems.append("\(sample.path): cannot read its size and modification time")
            }
        }
        let known = try workspace.database.read { db in
            try KnownImage.fetchAll(db, sql: "SELECT id, path, size, mtimeNanoseconds, contentHash, missingSince FROM image")
        }
        var changes: [Change] = []
        var seen = Set<String>()
        for image in known {
            seen.insert(image.path)
            guard let fingerprint = files[image.path] else {
                if image.missingSince == nil { changes.append(.remove(image)); report.removed.append(image.path) }
                continue
            }
            if image.size == fingerprint.size, image.mtimeNanoseconds == fingerprint.mtimeNanoseconds,
               image.missingSince == nil {
                report.unchanged += 1
                continue
            }
            // Hashing happens here, outside the write transaction, so readers and
            // other writers are not held up by file reads.
            let hash = ContentHash.of(fileAt: location.absolutePath(ofImage: image.path))
            let contentsChanged = hash == nil || hash != image.contentHash
            changes.append(.update(image, fingerprint, hash: hash, contentsChanged: contentsChanged))
            switch (contentsChanged, image.missingSince != nil) {
            case (true, _): report.changed.append(image.path)
            case (false, true): report.restored.append(image.path)
            case (false, false): report.touched += 1
            }
        }
        for (path, fingerprint) in files where !seen.contains(path) {
            changes.append(.add(path, fingerprint, hash: ContentHash.of(fileAt: location.absolutePath(ofImage: path))))
            report.added.append(path)
        }
        guard !changes.isEmpty else { return report }

        let staleMaps = try workspace.database.write { db -> [String] in
            var staleMaps: [String] = []
            for change in changes {
                switch change {
                case .add(let path, let fingerprint, let hash):
                    var record = ImageRecord(path: path, size: fingerprint.size,
                                             mtimeNanoseconds: fingerprint.mtimeNanoseconds,
                                             contentHash: hash, addedAt: now)
                    try record.insert(db)
                case .update(let image, let fingerprint, let hash, let contentsChanged):
                    try db.execute(sql: """
                        UPDATE image SET size = ?, mtimeNanoseconds = ?, contentHash = ?, missingSince = NULL WHERE id = ?
                        """, arguments: [fingerprint.size, fingerprint.mtimeNanoseconds, hash, image.id])
                    if contentsChanged {
                        try db.execute(sql: """
                            UPDATE image SET width = NULL, height = NULL, decodeStatus = 'unknown', decodeError = NULL
                            WHERE id = ?
                            """, arguments: [image.id])
                        staleMaps += try String.fetchAll(db, sql: "SELECT mapFile FROM score WHERE imageId = ? AND mapFile IS NOT NULL",
                                                         arguments: [image.id])
                        try db.execute(sql: "DELETE FROM score WHERE imageId = ?", arguments: [image.id])
                        report.invalidatedScores += db.changesCount
                    }
                case .remove(let image):
                    try db.execute(sql: "UPDATE image SET missingSince = ? WHERE id = ?", arguments: [now, image.id])
                }
            }
            return staleMaps
        }
        // After the commit: a crash here only leaves unreferenced map files behind.
        for file in staleMaps {
            try? FileManager.default.removeItem(at: location.mapsFolder.appendingPathComponent(file))
        }
        report.added.sort()
        report.changed.sort()
        report.removed.sort()
        report.restored.sort()
        return report
    }
}
