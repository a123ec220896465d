import Foundation
import SpeckDetectors
import SpeckEvaluation

/// The last detector comparison (`speck eval --detector a,b,...` on this
/// workspace's images), kept as a JSON file in the store folder, written
/// atomically: the workstation's train dialog shows it.
extension Workspace {
    public var lastComparisonURL: URL { location.storeFolder.appendingPathComponent("last-comparison.json") }

    public func saveLastComparison(_ comparison: DetectorComparison) throws {
        try AtomicFile.write(try comparison.encodedJSON(), to: lastComparisonURL)
    }

    /// Nil when no comparison was stored; an unreadable file is an error naming it.
    public func lastComparison() throws -> DetectorComparison? {
        guard FileManager.default.fileExists(atPath: lastComparisonURL.path) else { return nil }
        do {
            return try DetectorComparison.decode(try Data(contentsOf: lastComparisonURL))
        } catch {
            throw WorkspaceError.unreadableFile(lastComparisonURL.path, reason: "\(error)")
        }
    }
}
