import SpeckImaging

/// PatchCore's evidence: the bank row a test patch is nearest to, traced to
/// the training sample and cell it was taken from.
extension PatchCoreDetector: NearestPatchExplaining {
    static let sourcesName = "memory_bank_sources"

    public var traceUnavailableReason: String? {
        lock.withLock { search != nil && bankSources == nil }
            ? "this model file was written before Speck kept where memory-bank patches came from: fit it again to see evidence"
            : nil
    }

    public var trainingOrigin: TrainingOrigin? { lock.withLock { origin } }

    /// The bank and its trace, or why evidence cannot be found.
    private func tracedBank() throws -> (search: NearestNeighbourSearch, sources: [PatchSource]) {
        guard let (search, sources) = lock.withLock({ search.map { ($0, bankSources) } }) else { throw DetectorError.notFitted }
        guard let sources else { throw DetectorError.incompatibleModel(traceUnavailableReason ?? "no trace") }
        return (search, sources)
    }

    public func nearestStoredPatch(to features: PatchFeatures, x: Int, y: Int) throws -> StoredPatchMatch {
        let (search, sources) = try tracedBank()
        let grid = features.grid, dim = grid.patches.dim
        precondition((0..<grid.width).contains(x) && (0..<grid.height).contains(y), "cell outside the patch grid")
        let found = grid.patches.values.withUnsafeBufferPointer { q -> (row: Int, distance: Float) in
            let query = q.baseAddress! + (y * grid.width + x) * dim
            // The few nearest by the fast formula, then the exact distance decides (rounding can reorder near-ties).
            let candidates = search.kNearest(to: query, k: PatchFeatures.exactCandidates).map(\.index)
            return search.bank.values.withUnsafeBufferPointer {
                PatchFeatures.exactNearest(query: query, dim: dim, among: candidates, bank: $0.baseAddress!)
            }
        }
        return StoredPatchMatch(source: sources[found.row], distance: found.distance)
    }

    /// Bank rows are the index.
    public func nearestStoredPatches(to features: PatchFeatures) throws -> [(index: Int, distance: Float)] {
        let (search, _) = try tracedBank()
        return PatchFeatures.exactNearest(features.grid, in: search).map { ($0.row, $0.distance) }
    }

    public func storedPatch(at index: Int) throws -> PatchSource {
        let (_, sources) = try tracedBank()
        guard sources.indices.contains(index) else {
            throw DetectorError.incompatibleModel("stored patch \(index) is not in the \(sources.count)-row memory bank")
        }
        return sources[index]
    }
}
