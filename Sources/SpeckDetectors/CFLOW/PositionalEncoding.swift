import Foundation

/// CFLOW-AD's 2D sinusoidal positional encoding (Gudovskiy et al., eq. 8,
/// after Vaswani et al.): the first half of the `width` channels encode the
/// column with sines and cosines of geometric frequencies, the second half
/// the row. One row of `width` values per grid position, row-major.
struct PositionalEncoding: Sendable, Equatable {
    let width: Int
    let height: Int
    let gridWidth: Int
    let rows: PatchMatrix

    init(width: Int, height: Int, gridWidth: Int) {
        precondition(width % 4 == 0, "positional encoding width must be a multiple of 4")
        self.width = width
        self.height = height
        self.gridWidth = gridWidth
        let half = width / 2
        let frequencies = stride(from: 0, to: half, by: 2).map { Foundation.exp(Double($0) * -Foundation.log(10_000) / Double(half)) }
        var values = [Float](repeating: 0, count: height * gridWidth * width)
        for y in 0..<height {
            for x in 0..<gridWidth {
                let base = (y * gridWidth + x) * width
                for (k, frequency) in frequencies.enumerated() {
                    values[base + 2 * k] = Float(sin(Double(x) * frequency))
                    values[base + 2 * k + 1] = Float(cos(Double(x) * frequency))
                    values[base + half + 2 * k] = Float(sin(Double(y) * frequency))
                    values[base + half + 2 * k + 1] = Float(cos(Double(y) * frequency))
                }
            }
        }
        rows = PatchMatrix(rows: height * gridWidth, dim: width, values: values)
    }

    var positions: Int { height * gridWidth }
}
