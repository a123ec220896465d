import SpeckImaging

/// SPADE's evidence: among the nearest training images' pyramids the test
/// patch was compared with, the position it is nearest to. A stored patch's
/// index is pyramid * cells + cell.
extension SPADEDetector: NearestPatchExplaining {
    static let samplesName = "pyramid_samples"

    public var traceUnavailableReason: String? {
        lock.withLock { gallery.map { $0.samples == nil } ?? false }
            ? "this model file was written before Speck kept which training image each pyramid came from: fit it again to see evidence"
            : nil
    }

    public var trainingOrigin: TrainingOrigin? { lock.withLock { gallery?.origin } }

    /// The gallery and its trace, or why evidence cannot be found.
    private func tracedGallery() throws -> (gallery: Gallery, samples: [Int]) {
        guard let gallery = lock.withLock({ gallery }) else { throw DetectorError.notFitted }
        guard let samples = gallery.samples else { throw DetectorError.incompatibleModel(traceUnavailableReason ?? "no trace") }
        return (gallery, samples)
    }

    public func nearestStoredPatch(to features: PatchFeatures, x: Int, y: Int) throws -> StoredPatchMatch {
        let (gallery, _) = try tracedGallery()
        let grid = features.grid, dim = grid.patches.dim
        precondition((0..<grid.width).contains(x) && (0..<grid.height).contains(y), "cell outside the patch grid")
        let scope = features.scope.isEmpty ? Array(gallery.pyramids.indices) : features.scope
        let cells = gallery.width * gallery.height
        // Every position of the scope's pyramids, in scope order (the lowest of equally near ones wins).
        let stacked = PatchMatrix.stacking(scope.map { gallery.pyramids[$0] })
        let found = grid.patches.values.withUnsafeBufferPointer { q in
            stacked.values.withUnsafeBufferPointer {
                PatchFeatures.exactNearest(query: q.baseAddress! + (y * grid.width + x) * dim, dim: dim,
                                           among: Array(0..<stacked.rows), bank: $0.baseAddress!)
            }
        }
        return StoredPatchMatch(source: try storedPatch(at: scope[found.row / cells] * cells + found.row % cells),
                                distance: found.distance)
    }

    /// The scope's pyramids stacked (in scope order, as the live search walks them), candidates
    /// by the fast formula, the exact distance deciding.
    public func nearestStoredPatches(to features: PatchFeatures) throws -> [(index: Int, distance: Float)] {
        let (gallery, _) = try tracedGallery()
        let scope = features.scope.isEmpty ? Array(gallery.pyramids.indices) : features.scope
        let cells = gallery.width * gallery.height
        let stacked = NearestNeighbourSearch(bank: PatchMatrix.stacking(scope.map { gallery.pyramids[$0] }))
        return PatchFeatures.exactNearest(features.grid, in: stacked).map { found in
            (scope[found.row / cells] * cells + found.row % cells, found.distance)
        }
    }

    public func storedPatch(at index: Int) throws -> PatchSource {
        let (gallery, samples) = try tracedGallery()
        let cells = gallery.width * gallery.height
        guard index >= 0, index < samples.count * cells else {
            throw DetectorError.incompatibleModel("stored patch \(index) is not among the \(samples.count) pyramids of \(cells) cells")
        }
        return PatchSource(sample: samples[index / cells], x: index % cells % gallery.width, y: index % cells / gallery.width,
                           gridWidth: gallery.width, gridHeight: gallery.height)
    }
}
