import Foundation
import SpeckDetectors
import SpeckImaging
import SpeckWorkspace

extension WorkspaceBackend: EvidenceProviding {
    public func evidence(for entry: ImageEntry, at spot: EvidenceSpot?) throws -> WorkstationEvidence {
        guard let (workspace, model) = lock.withLock({ workspace.flatMap { w in currentModel.map { (w, $0) } } }),
              let modelId = model.id else {
            throw EvidenceUnavailable(reason: "no model yet: train one first (t)")
        }
        let finder = try evidenceCache.finder(modelId: modelId) {
            let file = try workspace.modelFile(of: model)
            let detector = try registry.restore(file, resources: DetectorResources(weightsPath: weightsAvailable ? weightsPath : nil))
            return try EvidenceFinder(detector: detector)
        }
        let (image, prepared) = try evidenceCache.prepared(.init(modelId: modelId, entryId: entry.id)) {
            let image = try decodeImage(entry)
            // The nearest patches recorded when the image was scored, else a backbone pass.
            return (image, try recordedEvidence(of: entry, in: workspace, finder: finder, image: image) ?? finder.prepare(image))
        }
        let evidence = try finder.evidence(prepared, at: spot.map { (x: $0.x, y: $0.y) })
        let crops = EvidenceCrops.make(evidence, test: image, finder: finder)
        return WorkstationEvidence(evidence: evidence, crops: crops, trainingName: evidence.trainingFile.map { relativeName($0.path) },
                                   imageWidth: image.width, imageHeight: image.height)
    }

    /// The image prepared from the record kept beside its map, or nil when there is none that fits.
    func recordedEvidence(of entry: ImageEntry, in workspace: Workspace, finder: EvidenceFinder,
                          image: Image) -> EvidenceFinder.Prepared? {
        guard let score = lock.withLock({ imageIds[entry.id].flatMap { currentScores[$0] } }),
              let record = workspace.nearestPatches(of: score), let map = workspace.anomalyMap(of: score) else { return nil }
        return try? finder.prepared(from: record, map: map, imageWidth: image.width, imageHeight: image.height)
    }

    /// A path inside the opened folder as the list shows it.
    func relativeName(_ path: String) -> String {
        let root = URL(fileURLWithPath: lock.withLock { dataset?.root } ?? folder).standardizedFileURL.path
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}

/// Evidence cannot be shown, and why.
public struct EvidenceUnavailable: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
