import Foundation
import SpeckImaging

/// Brings the image table in line with the files under the image root:
/// new files are added, changed ones (size or mtime moved, then the content
/// hash differs) lose their scores and cached maps, vanished ones are marked
/// missing (their labels stay). An unchanged folder costs one directory walk
/// and one read of the image table.
public struct Rescanner {
    public let workspace: Workspace

    public init(workspace: Workspace) { self.workspace = workspace }

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
        let known = try workspace.store.storedImageStates()
        var changes: [ImageChange] = []
        var seen = Set<String>()
        for image in known {
            seen.insert(image.path)
            guard let fingerprint = files[image.path] else {
                if image.missingSince == nil { changes.append(.remove(imageId: image.id)); report.removed.append(image.path) }
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
            changes.append(.update(imageId: image.id, size: fingerprint.size, mtimeNanoseconds: fingerprint.mtimeNanoseconds,
                                   contentHash: hash, contentsChanged: contentsChanged))
            switch (contentsChanged, image.missingSince != nil) {
            case (true, _): report.changed.append(image.path)
            case (false, true): report.restored.append(image.path)
            case (false, false): report.touched += 1
            }
        }
        for (path, fingerprint) in files where !seen.contains(path) {
            changes.append(.add(ImageRecord(path: path, size: fingerprint.size, mtimeNanoseconds: fingerprint.mtimeNanoseconds,
                                            contentHash: ContentHash.of(fileAt: location.absolutePath(ofImage: path)),
                                            addedAt: now)))
            report.added.append(path)
        }
        guard !changes.isEmpty else { return report }

        let (staleMaps, invalidated) = try workspace.store.apply(changes, at: now)
        report.invalidatedScores += invalidated
        // After the commit: a crash here only leaves unreferenced map files behind.
        for file in staleMaps {
            try? FileManager.default.removeItem(at: location.mapsFolder.appendingPathComponent(file))
            try? FileManager.default.removeItem(at: location.mapsFolder.appendingPathComponent(Workspace.nearestPatchesFile(ofMap: file)))
        }
        report.added.sort()
        report.changed.sort()
        report.removed.sort()
        report.restored.sort()
        return report
    }
}
