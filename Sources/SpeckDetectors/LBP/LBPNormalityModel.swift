import COpenBLAS

/// What "normal" looks like to the LBP detector: weighted cell features of
/// the training images, and the distance of a test cell to the nearest of them.
///
/// Feature groups are weighted by 1/√(their variance among normal cells),
/// at the same position for aligned objects, so that each group's typical
/// deviation counts about the same whatever its units.
struct LBPNormalityModel: Sendable {
    let mode: LBPLayoutMode
    let cellsPerSide: Int
    let groupScale: [Float]
    /// Aligned: [position][image][dim]. Texture: [row][dim] (a coreset).
    let bank: PatchMatrix
    /// Images in the bank (aligned mode).
    let imageCount: Int
    private let bankNorms: [Float]
    private let search: NearestNeighbourSearch?

    init(mode: LBPLayoutMode, cellsPerSide: Int, groupScale: [Float], bank: PatchMatrix, imageCount: Int) {
        self.mode = mode
        self.cellsPerSide = cellsPerSide
        self.groupScale = groupScale
        self.bank = bank
        self.imageCount = imageCount
        bankNorms = bank.rowSquaredNorms()
        search = mode == .texture ? NearestNeighbourSearch(bank: bank) : nil
    }

    /// Variance of each feature group among normal cells: around each
    /// position's mean (aligned, and at least 2 images) or overall.
    static func groupScales(features: [PatchMatrix], mode: LBPLayoutMode) -> [Float] {
        let positions = features[0].rows, d = features[0].dim
        let perPosition = mode == .aligned && features.count >= 2
        var means = [Double](repeating: 0, count: perPosition ? positions * d : d)
        for matrix in features {
            for i in 0 ..< matrix.values.count { means[perPosition ? i : i % d] += Double(matrix.values[i]) }
        }
        let perMean = Double(perPosition ? features.count : features.count * positions)
        for i in means.indices { means[i] /= perMean }
        var variance = [Double](repeating: 0, count: d)
        for matrix in features {
            for i in 0 ..< matrix.values.count {
                let delta = Double(matrix.values[i]) - means[perPosition ? i : i % d]
                variance[i % d] += delta * delta
            }
        }
        let cells = Double(features.count * positions)
        return LBPFeatureExtractor.groups.map { group in
            let v = group.reduce(0.0) { $0 + variance[$1] } / cells
            return Float(1 / max(v, 1e-8).squareRoot())
        }
    }

    /// Multiplies each group's columns by its scale, in place.
    static func weigh(_ matrix: inout PatchMatrix, by scale: [Float]) {
        let d = matrix.dim
        for (g, range) in LBPFeatureExtractor.groups.enumerated() {
            let s = scale[g]
            for row in 0 ..< matrix.rows {
                for column in range { matrix.values[row * d + column] *= s }
            }
        }
    }

    /// Distance of every cell of one (weighted) image to normal cells.
    func distances(_ queries: PatchMatrix) -> [Float] {
        if let search { return search.nearest(queries).distances }
        return alignedDistances(queries, excluding: nil)
    }

    /// Aligned mode: the typical distance of a normal cell at each position
    /// to the other normal images, from leave-one-out scoring of up to
    /// `sampleCount` training images (evenly spread over the set). Dividing
    /// by it turns distances into "how unusual for this position", as a
    /// standard deviation does for a z-score: positions that vary a lot in
    /// normal images (edges, reflections) stop dominating the map.
    func positionScales(_ features: [PatchMatrix], sampleCount: Int = 32) -> [Float] {
        let positions = cellsPerSide * cellsPerSide
        guard mode == .aligned, features.count >= 2 else { return [Float](repeating: 1, count: positions) }
        let step = max(1, features.count / sampleCount)
        let chosen = Array(stride(from: 0, to: features.count, by: step).prefix(sampleCount))
        var sum = [Float](repeating: 0, count: positions)
        for image in chosen {
            let d = alignedDistances(features[image], excluding: image)
            for p in 0 ..< positions { sum[p] += d[p] }
        }
        let mean = sum.map { $0 / Float(chosen.count) }
        // A floor keeps perfectly constant positions from dividing by ~0.
        let floor = max(mean.sorted()[positions / 2] * 0.25, 1e-6)
        return mean.map { max($0, floor) }
    }

    /// For every test cell, the nearest training cell at the same or one of
    /// the 8 neighbouring positions. Organised by training position: the up
    /// to 9 test cells that may use it go through one sgemm against its images.
    private func alignedDistances(_ queries: PatchMatrix, excluding excludedImage: Int?) -> [Float] {
        let side = cellsPerSide, d = bank.dim, n = imageCount
        var best = [Float](repeating: .infinity, count: queries.rows)
        var block = [Float](repeating: 0, count: 9 * d)
        var product = [Float](repeating: 0, count: 9 * n)
        var members = [Int](repeating: 0, count: 9)
        queries.values.withUnsafeBufferPointer { q in
            bank.values.withUnsafeBufferPointer { b in
                for ty in 0 ..< side {
                    for tx in 0 ..< side {
                        var m = 0
                        for qy in max(0, ty - 1) ... min(side - 1, ty + 1) {
                            for qx in max(0, tx - 1) ... min(side - 1, tx + 1) {
                                let cell = qy * side + qx
                                members[m] = cell
                                for k in 0 ..< d { block[m * d + k] = q[cell * d + k] }
                                m += 1
                            }
                        }
                        let position = ty * side + tx
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(d),
                                    -2, block, Int32(d), b.baseAddress! + position * n * d, Int32(d),
                                    0, &product, Int32(n))
                        let normBase = position * n
                        for i in 0 ..< m {
                            var nearest = Float.infinity
                            for j in 0 ..< n { nearest = min(nearest, product[i * n + j] + bankNorms[normBase + j]) }
                            if let excludedImage {
                                // Leave-one-out: redo the minimum without the image's own cells.
                                nearest = .infinity
                                for j in 0 ..< n where j != excludedImage {
                                    nearest = min(nearest, product[i * n + j] + bankNorms[normBase + j])
                                }
                            }
                            if nearest < best[members[i]] { best[members[i]] = nearest }
                        }
                    }
                }
            }
        }
        let queryNorms = queries.rowSquaredNorms()
        return (0 ..< queries.rows).map { max(0, best[$0] + queryNorms[$0]).squareRoot() }
    }
}
