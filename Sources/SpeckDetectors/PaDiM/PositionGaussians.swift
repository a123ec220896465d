import COpenBLAS

/// One multivariate Gaussian per feature-map position: the mean and the
/// inverse of (covariance + regularisation * I), fitted in double precision
/// by `GaussianSums`.
struct PositionGaussians: Sendable {
    let positions: Int
    let dim: Int
    /// [positions, dim]
    let means: [Float]
    /// [positions, dim, dim], symmetric.
    let inverseCovariances: [Float]

    init(positions: Int, dim: Int, means: [Float], inverseCovariances: [Float]) {
        self.positions = positions
        self.dim = dim
        self.means = means
        self.inverseCovariances = inverseCovariances
    }

    /// Mahalanobis distance of every position of `patches` to its Gaussian.
    func distances(_ patches: PatchMatrix) -> [Float] {
        var out = [Float](repeating: 0, count: positions)
        var delta = [Float](repeating: 0, count: dim)
        var product = [Float](repeating: 0, count: dim)
        inverseCovariances.withUnsafeBufferPointer { inv in
            for p in 0..<positions {
                for c in 0..<dim { delta[c] = patches.values[p * dim + c] - means[p * dim + c] }
                cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(dim), Int32(dim), 1,
                            inv.baseAddress! + p * dim * dim, Int32(dim), delta, 1, 0, &product, 1)
                var d2: Float = 0
                for c in 0..<dim { d2 += delta[c] * product[c] }
                out[p] = d2.clampedSquareRoot
            }
        }
        return out
    }
}
