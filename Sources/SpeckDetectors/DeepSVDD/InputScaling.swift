/// Per-channel standardisation of the network's inputs, fixed from the
/// training data. A fixed shift is not a learned bias: it cannot let the
/// network collapse onto c, and it keeps leaky ReLU units away from zero input.
/// A row is `channels` groups of `spatial` values (spatial = 1 for patch vectors).
struct InputScaling: Sendable, Equatable {
    let mean: [Float]
    let std: [Float]
    let spatial: Int

    init(mean: [Float], std: [Float], spatial: Int) {
        self.mean = mean
        self.std = std
        self.spatial = spatial
    }

    init(fitting rows: PatchMatrix, spatial: Int) {
        let channels = rows.dim / spatial
        var sum = [Double](repeating: 0, count: channels), squares = sum
        for r in 0..<rows.rows {
            for c in 0..<channels {
                for s in 0..<spatial {
                    let x = Double(rows.values[r * rows.dim + c * spatial + s])
                    sum[c] += x
                    squares[c] += x * x
                }
            }
        }
        let n = Double(max(rows.rows * spatial, 1))
        mean = sum.map { Float($0 / n) }
        std = zip(sum, squares).map { s, q in Float(max(q / n - (s / n) * (s / n), 1e-12).squareRoot()) }
        self.spatial = spatial
    }

    func apply(_ rows: PatchMatrix) -> PatchMatrix {
        var out = rows
        let channels = rows.dim / spatial
        for r in 0..<rows.rows {
            for c in 0..<channels {
                let base = r * rows.dim + c * spatial, m = mean[c], inverse = 1 / std[c]
                for s in 0..<spatial { out.values[base + s] = (rows.values[base + s] - m) * inverse }
            }
        }
        return out
    }
}
