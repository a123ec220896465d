import Foundation

extension Workspace {
    /// The labelling queue of a model at `threshold` (default: the model's
    /// threshold in force): the unlabelled, readable images it scored and did
    /// not learn from, in `LabellingQueue` order. What the workstation's
    /// "label next" sort and `speck labels next` both show.
    public func labellingQueue(model: ModelRecord, threshold: Double? = nil) throws -> [LabellingQueue.Place] {
        let modelId = model.id!
        guard let threshold = try threshold ?? currentThreshold(modelId: modelId)?.value else {
            throw WorkspaceError.noThreshold(model: model.name)
        }
        let trained = try trainingImageIds(of: modelId)
        let listed = try listing(modelId: modelId).filter {
            $0.raw != nil && $0.decodeStatus != .failed && !trained.contains($0.imageId)
        }
        guard let low = listed.map({ $0.raw! }).min(), let high = listed.map({ $0.raw! }).max() else { return [] }
        let scores = try self.scores(modelId: modelId)
        // Maps are read only for flagged images: only they are compared.
        func candidate(_ image: ListedImage) -> LabellingQueue.Candidate {
            let flagged = image.raw! >= threshold
            let map = flagged ? scores[image.imageId].flatMap(anomalyMap(of:)) : nil
            return LabellingQueue.Candidate(imageId: image.imageId, path: image.path, score: image.raw!,
                                            signature: map.map { MapSignature($0, threshold: threshold) })
        }
        let queue = LabellingQueue(threshold: threshold, scoreRange: low...high)
        return queue.order(listed.filter { $0.label == nil }.map(candidate),
                           labelled: listed.filter { $0.label != nil }.map(candidate))
    }
}
