import COpenBLAS

/// One multivariate Gaussian per feature-map position: the mean and the
/// inverse of (covariance + regularisation * I), fitted in double precision.
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

    /// `samples[i]` is image i's [positions, dim] patch matrix. Covariance uses
    /// the unbiased 1/(N-1) (1/1 for a single image, leaving only the regulariser).
    static func fit(_ samples: [PatchMatrix], regularisation: Double, cancelled: () throws -> Void) throws -> PositionGaussians {
        let n = samples.count, positions = samples[0].rows, dim = samples[0].dim
        var means = [Float](repeating: 0, count: positions * dim)
        var inverses = [Float](repeating: 0, count: positions * dim * dim)
        var centred = [Double](repeating: 0, count: n * dim)
        var covariance = [Double](repeating: 0, count: dim * dim)
        let divisor = Double(max(n - 1, 1))
        for p in 0..<positions {
            if p % 64 == 0 { try cancelled() }
            var mean = [Double](repeating: 0, count: dim)
            for s in samples {
                for c in 0..<dim { mean[c] += Double(s.values[p * dim + c]) }
            }
            for c in 0..<dim { mean[c] /= Double(n) }
            for (i, s) in samples.enumerated() {
                for c in 0..<dim { centred[i * dim + c] = Double(s.values[p * dim + c]) - mean[c] }
            }
            // covariance = centredᵀ centred / (N - 1), lower triangle (column-major), then mirrored.
            cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(dim), Int32(n),
                        1 / divisor, centred, Int32(dim), 0, &covariance, Int32(dim))
            for col in 0..<dim {
                for row in col..<dim { covariance[row * dim + col] = covariance[col * dim + row] }
                covariance[col * dim + col] += regularisation
            }
            let inverse = try SymmetricInverse.invert(covariance, order: dim)
            for c in 0..<dim { means[p * dim + c] = Float(mean[c]) }
            for i in 0..<(dim * dim) { inverses[p * dim * dim + i] = Float(inverse[i]) }
        }
        return PositionGaussians(positions: positions, dim: dim, means: means, inverseCovariances: inverses)
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
