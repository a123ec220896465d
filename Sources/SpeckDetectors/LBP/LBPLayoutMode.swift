/// How test cells are compared with training cells.
public enum LBPLayoutMode: String, Sendable, CaseIterable {
    /// Aligned objects: only training cells at the same or a neighbouring position.
    case aligned
    /// Textures: training cells from anywhere.
    case texture

    /// The share of feature variance explained by cell position at or above
    /// which the training images are treated as aligned objects.
    public static let alignedShare = 0.15

    /// Per feature group, the part of the variance of training cells that is
    /// explained by their position (between-position variance, with the
    /// sampling bias of finite image counts removed, over total), averaged
    /// over groups so that every group counts the same whatever its scale.
    /// Near 0 for a texture, large for an object that sits in the same place.
    public static func positionShare(features: [PatchMatrix]) -> Double {
        let n = features.count
        guard n >= 2, let first = features.first else { return 1 }
        let positions = first.rows, d = first.dim
        var means = [Double](repeating: 0, count: positions * d)
        for matrix in features { for i in 0 ..< means.count { means[i] += Double(matrix.values[i]) } }
        for i in 0 ..< means.count { means[i] /= Double(n) }
        var within = [Double](repeating: 0, count: d)
        for matrix in features {
            for i in 0 ..< means.count {
                let delta = Double(matrix.values[i]) - means[i]
                within[i % d] += delta * delta
            }
        }
        var grandMean = [Double](repeating: 0, count: d)
        for i in 0 ..< means.count { grandMean[i % d] += means[i] / Double(positions) }
        var between = [Double](repeating: 0, count: d)
        for i in 0 ..< means.count {
            let delta = means[i] - grandMean[i % d]
            between[i % d] += delta * delta
        }
        var shares: [Double] = []
        for group in LBPFeatureExtractor.groups {
            let w = group.reduce(0.0) { $0 + within[$1] } / Double(positions * n)
            let rawBetween = group.reduce(0.0) { $0 + between[$1] } / Double(positions)
            let b = max(0, rawBetween - w / Double(n - 1))
            if b + w > 0 { shares.append(b / (b + w)) }
        }
        return shares.isEmpty ? 0 : shares.reduce(0, +) / Double(shares.count)
    }
}
