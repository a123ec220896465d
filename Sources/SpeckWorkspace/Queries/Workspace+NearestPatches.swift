import Foundation
import SpeckDetectors

/// Each cached map may have a sidecar file beside it, `<image>.nearest`, with
/// the nearest stored patch of every cell (`NearestPatchRecordCodec`), written
/// when a detector that keeps normal patches scored the image. The database
/// does not know of it: a score whose sidecar is missing, unreadable or of
/// another scoring (another score) simply has none, and evidence falls back
/// to a backbone pass.
extension Workspace {
    /// The sidecar of the map file `mapFile` (relative to the maps folder).
    static func nearestPatchesFile(ofMap mapFile: String) -> String {
        (mapFile as NSString).deletingPathExtension + ".nearest"
    }

    /// Writes (atomically) the record of a map just written, or removes an older one left from an earlier scoring.
    func saveNearestPatches(_ record: NearestPatchRecord?, besideMap mapFile: String) throws {
        let url = location.mapsFolder.appendingPathComponent(Self.nearestPatchesFile(ofMap: mapFile))
        if let record {
            try AtomicFile.write(NearestPatchRecordCodec.encode(record), to: url)
        } else if FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.removeItem(at: url)
        }
    }

    /// The nearest patches recorded when `score` was computed, or nil when none were kept
    /// (an older workspace, a detector without stored patches) or the file is not of this score.
    public func nearestPatches(of score: ScoreRecord) -> NearestPatchRecord? {
        guard let mapFile = score.mapFile,
              let data = try? Data(contentsOf: location.mapsFolder.appendingPathComponent(Self.nearestPatchesFile(ofMap: mapFile))),
              let record = NearestPatchRecordCodec.decode(data),
              Double(record.score) == score.raw else { return nil }
        return record
    }
}
