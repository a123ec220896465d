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
    private let search: NearestNeighbourSearch?
    private let aligned: AlignedCellBank?

    init(mode: LBPLayoutMode, cellsPerSide: Int, groupScale: [Float], bank: PatchMatrix, imageCount: Int) {
        self.mode = mode
        self.cellsPerSide = cellsPerSide
        self.groupScale = groupScale
        self.bank = bank
        self.imageCount = imageCount
        search = mode == .texture ? NearestNeighbourSearch(bank: bank) : nil
        aligned = mode == .aligned ? AlignedCellBank(positionMajor: bank, imageCount: imageCount) : nil
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

    /// For every test cell, the distance to the nearest training cell at the
    /// same or one of the 8 neighbouring positions.
    private func alignedDistances(_ queries: PatchMatrix, excluding excludedImage: Int?) -> [Float] {
        aligned!.nearestSquaredDistances(queries, side: cellsPerSide, excluding: excludedImage).map { $0.squareRoot() }
    }
}
