import COpenBLAS

/// PaDiM's per-position Gaussians learned a batch of images at a time: per
/// position, the sum of the samples and of their outer products (one BLAS
/// rank-k update per position and batch), so the training features are never
/// held whole. Both sums are taken about the first image's features, a shift
/// that keeps the double-precision sums free of cancellation.
struct GaussianSums {
    let positions: Int
    let dim: Int
    private(set) var count = 0
    /// [positions, dim]: the first image's features.
    private var shift: [Double] = []
    /// [positions, dim]
    private var sums: [Double]
    /// [positions, dim, dim]: the lower triangle (column-major) of each position's sum of outer products.
    private var products: [Double]

    init(positions: Int, dim: Int) {
        self.positions = positions
        self.dim = dim
        sums = [Double](repeating: 0, count: positions * dim)
        products = [Double](repeating: 0, count: positions * dim * dim)
    }

    /// Adds images, each a [positions, dim] patch matrix.
    mutating func add(_ batch: [PatchMatrix], cancelled: () throws -> Void) throws {
        guard let first = batch.first else { return }
        precondition(batch.allSatisfy { $0.rows == positions && $0.dim == dim }, "patch matrix shape does not match the Gaussians")
        if count == 0 { shift = first.values.map(Double.init) }
        let n = batch.count
        var centred = [Double](repeating: 0, count: n * dim)
        for p in 0..<positions {
            if p % 64 == 0 { try cancelled() }
            for (i, s) in batch.enumerated() {
                for c in 0..<dim {
                    let value = Double(s.values[p * dim + c]) - shift[p * dim + c]
                    centred[i * dim + c] = value
                    sums[p * dim + c] += value
                }
            }
            products.withUnsafeMutableBufferPointer { out in
                cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(dim), Int32(n),
                            1, centred, Int32(dim), 1, out.baseAddress! + p * dim * dim, Int32(dim))
            }
        }
        count += n
    }

    /// Means and inverse covariances. Covariance uses the unbiased 1/(N-1)
    /// (1/1 for a single image, leaving only the regulariser).
    func gaussians(regularisation: Double, cancelled: () throws -> Void) throws -> PositionGaussians {
        precondition(count > 0, "no images added")
        let n = Double(count), divisor = Double(max(count - 1, 1))
        var means = [Float](repeating: 0, count: positions * dim)
        var inverses = [Float](repeating: 0, count: positions * dim * dim)
        var covariance = [Double](repeating: 0, count: dim * dim)
        for p in 0..<positions {
            if p % 64 == 0 { try cancelled() }
            let sum = Array(sums[(p * dim)..<((p + 1) * dim)])
            // covariance = (Σ dᵢdᵢᵀ - (Σ dᵢ)(Σ dᵢ)ᵀ / N) / (N - 1) for the shifted samples dᵢ, lower triangle mirrored.
            for col in 0..<dim {
                for row in col..<dim {
                    let value = (products[p * dim * dim + col * dim + row] - sum[row] * sum[col] / n) / divisor
                    covariance[row * dim + col] = value
                    covariance[col * dim + row] = value
                }
                covariance[col * dim + col] += regularisation
            }
            let inverse = try SymmetricInverse.invert(covariance, order: dim)
            for c in 0..<dim { means[p * dim + c] = Float(shift[p * dim + c] + sum[c] / n) }
            for i in 0..<(dim * dim) { inverses[p * dim * dim + i] = Float(inverse[i]) }
        }
        return PositionGaussians(positions: positions, dim: dim, means: means, inverseCovariances: inverses)
    }
}
