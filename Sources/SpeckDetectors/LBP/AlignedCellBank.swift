/// The training cells of an aligned-object model, laid out for the search:
/// per position, the images in groups of 8 (padded), each group stored
/// dimension by dimension, so one SIMD register holds one dimension of 8
/// images, a test cell's distances to them build up with plain FMAs, and the
/// whole bank is read front to back (the search is bound by memory reads).
/// (sgemm re-packs its operands on every call, which costs more than the
/// arithmetic for these small per-position blocks.)
struct AlignedCellBank: Sendable {
    let positions: Int
    let imageCount: Int
    let dim: Int
    /// Images per position rounded up to a multiple of 8.
    let paddedCount: Int
    /// [position][group of 8 images][dim][8]
    let values: [Float]
    /// [position][paddedCount] squared norms; +inf for padding slots.
    let norms: [Float]

    /// From [position][image][dim] rows.
    init(positionMajor bank: PatchMatrix, imageCount: Int) {
        positions = bank.rows / max(imageCount, 1)
        self.imageCount = imageCount
        dim = bank.dim
        paddedCount = (imageCount + 7) / 8 * 8
        var values = [Float](repeating: 0, count: positions * dim * paddedCount)
        var norms = [Float](repeating: .infinity, count: positions * paddedCount)
        for p in 0 ..< positions {
            for n in 0 ..< imageCount {
                let row = (p * imageCount + n) * dim
                var norm: Float = 0
                for k in 0 ..< dim {
                    let v = bank.values[row + k]
                    values[((p * paddedCount + n / 8 * 8) * dim) + k * 8 + n % 8] = v
                    norm += v * v
                }
                norms[p * paddedCount + n] = norm
            }
        }
        self.values = values
        self.norms = norms
    }

    /// For each query cell, the smallest |q - b|² over the images' cells at the
    /// same and the 8 neighbouring positions of a `side` x `side` grid, leaving
    /// out image `excluded` (for leave-one-out statistics).
    func nearestSquaredDistances(_ queries: PatchMatrix, side: Int, excluding excluded: Int? = nil) -> [Float] {
        precondition(queries.dim == dim && queries.rows == positions, "query cells do not match the bank")
        var best = [Float](repeating: .infinity, count: positions)
        var norms = self.norms
        if let excluded { for p in 0 ..< positions { norms[p * paddedCount + excluded] = .infinity } }
        let chunks = paddedCount / 8
        var members = [Int](repeating: 0, count: 9)
        var scaled = [Float](repeating: 0, count: 9 * dim) // -2 q, dimension-major per member
        values.withUnsafeBufferPointer { bankValues in
            norms.withUnsafeBufferPointer { bankNorms in
                queries.values.withUnsafeBufferPointer { q in
                    for ty in 0 ..< side {
                        for tx in 0 ..< side {
                            var m = 0
                            for qy in max(0, ty - 1) ... min(side - 1, ty + 1) {
                                for qx in max(0, tx - 1) ... min(side - 1, tx + 1) {
                                    members[m] = qy * side + qx
                                    m += 1
                                }
                            }
                            // Unused slots repeat the first query so the kernel always runs 9.
                            for i in 0 ..< 9 {
                                let source = members[i < m ? i : 0] * dim
                                for k in 0 ..< dim { scaled[k * 9 + i] = -2 * q[source + k] }
                            }
                            let position = ty * side + tx
                            let nearest = Self.minima(scaled, block: bankValues.baseAddress! + position * dim * paddedCount,
                                                      norms: bankNorms.baseAddress! + position * paddedCount,
                                                      dim: dim, chunks: chunks)
                            for i in 0 ..< m where nearest[i] < best[members[i]] { best[members[i]] = nearest[i] }
                        }
                    }
                }
            }
        }
        let queryNorms = queries.rowSquaredNorms()
        return (0 ..< positions).map { max(0, best[$0] + queryNorms[$0]) }
    }

    /// For 9 queries at once (`scaled` = -2 q, laid out [dim][9]): the minimum
    /// over the block's images of |b|² - 2 q·b. Each 8-image slice of a
    /// dimension is loaded once and used for all 9 queries.
    @inline(__always)
    private static func minima(_ scaled: [Float], block: UnsafePointer<Float>, norms: UnsafePointer<Float>,
                               dim: Int, chunks: Int) -> [Float] {
        typealias V = SIMD8<Float>
        var b0 = V(repeating: .infinity), b1 = b0, b2 = b0, b3 = b0, b4 = b0, b5 = b0, b6 = b0, b7 = b0, b8 = b0
        let raw = UnsafeRawPointer(block), rawNorms = UnsafeRawPointer(norms)
        scaled.withUnsafeBufferPointer { q in
            for chunk in 0 ..< chunks {
                let n = rawNorms.loadUnaligned(fromByteOffset: chunk * 32, as: V.self)
                let group = raw + chunk * dim * 32
                var a0 = n, a1 = n, a2 = n, a3 = n, a4 = n, a5 = n, a6 = n, a7 = n, a8 = n
                for k in 0 ..< dim {
                    let b = group.loadUnaligned(fromByteOffset: k * 32, as: V.self)
                    let w = k * 9
                    a0.addProduct(V(repeating: q[w]), b)
                    a1.addProduct(V(repeating: q[w + 1]), b)
                    a2.addProduct(V(repeating: q[w + 2]), b)
                    a3.addProduct(V(repeating: q[w + 3]), b)
                    a4.addProduct(V(repeating: q[w + 4]), b)
                    a5.addProduct(V(repeating: q[w + 5]), b)
                    a6.addProduct(V(repeating: q[w + 6]), b)
                    a7.addProduct(V(repeating: q[w + 7]), b)
                    a8.addProduct(V(repeating: q[w + 8]), b)
                }
                b0.replace(with: a0, where: a0 .< b0)
                b1.replace(with: a1, where: a1 .< b1)
                b2.replace(with: a2, where: a2 .< b2)
                b3.replace(with: a3, where: a3 .< b3)
                b4.replace(with: a4, where: a4 .< b4)
                b5.replace(with: a5, where: a5 .< b5)
                b6.replace(with: a6, where: a6 .< b6)
                b7.replace(with: a7, where: a7 .< b7)
                b8.replace(with: a8, where: a8 .< b8)
            }
        }
        return [b0.min(), b1.min(), b2.min(), b3.min(), b4.min(), b5.min(), b6.min(), b7.min(), b8.min()]
    }
}
