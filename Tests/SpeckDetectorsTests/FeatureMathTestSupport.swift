import SpeckTensor
@testable import SpeckDetectors

/// Reproducible random patch matrices for the feature-math tests.
func randomMatrix(rows: Int, dim: Int, seed: UInt64, scale: Float = 1) -> PatchMatrix {
    var rng = SeededGenerator(seed: seed)
    return PatchMatrix(rows: rows, dim: dim, values: (0..<(rows * dim)).map { _ in Float.random(in: -scale...scale, using: &rng) })
}

func bruteForceDistance(_ a: PatchMatrix, _ i: Int, _ b: PatchMatrix, _ j: Int) -> Double {
    var s = 0.0
    for c in 0..<a.dim { let d = Double(a.values[i * a.dim + c]) - Double(b.values[j * b.dim + c]); s += d * d }
    return s.squareRoot()
}
