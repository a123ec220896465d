import SpeckImaging

/// SPADE's evidence: among the nearest training images' pyramids the test
/// patch was compared with, the position it is nearest to.
extension SPADEDetector: NearestPatchExplaining {
    static let samplesName = "pyramid_samples"

    public var traceUnavailableReason: String? {
        lock.withLock { gallery.map { $0.samples == nil } ?? false }
            ? "this model file was written before Speck kept which training image each pyramid came from: fit it again to see evidence"
            : nil
    }

    public var trainingOrigin: TrainingOrigin? { lock.withLock { gallery?.origin } }

    public func nearestStoredPatch(to features: PatchFeatures, x: Int, y: Int) throws -> StoredPatchMatch {
        guard let gallery = lock.withLock({ gallery }) else { throw DetectorError.notFitted }
        guard let samples = gallery.samples else { throw DetectorError.incompatibleModel(traceUnavailableReason ?? "no trace") }
        let grid = features.grid, dim = grid.patches.dim
        precondition((0..<grid.width).contains(x) && (0..<grid.height).contains(y), "cell outside the patch grid")
        let scope = features.scope.isEmpty ? Array(gallery.pyramids.indices) : features.scope
        var best = (pyramid: scope[0], row: 0, distance: Float.infinity)
        grid.patches.values.withUnsafeBufferPointer { q in
            let query = q.baseAddress! + (y * grid.width + x) * dim
            for pyramid in scope {
                let found = gallery.pyramids[pyramid].values.withUnsafeBufferPointer {
                    PatchFeatures.exactNearest(query: query, dim: dim, among: Array(0..<gallery.pyramids[pyramid].rows),
                                               bank: $0.baseAddress!)
                }
                if found.distance < best.distance { best = (pyramid, found.row, found.distance) }
            }
        }
        let source = PatchSource(sample: samples[best.pyramid], x: best.row % gallery.width, y: best.row / gallery.width,
                                 gridWidth: gallery.width, gridHeight: gallery.height)
        return StoredPatchMatch(source: source, distance: best.distance)
    }
}
