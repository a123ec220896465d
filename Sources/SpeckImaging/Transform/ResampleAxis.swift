/// The per-output-sample filter taps of torch's antialiased bilinear resize along one axis
/// (`interpolate(mode='bilinear', align_corners=False, antialias=True)`, PIL's triangle
/// filter widened by the scale when shrinking), computed with torch's exact float32/float64
/// roundings so the result is bit-compatible. See shared/fixtures/tools/resize_ref.py.
struct ResampleAxis {
    /// First input index of each output sample's taps.
    let firstIndex: [Int]
    /// Tap count of each output sample.
    let tapCount: [Int]
    /// Normalised weights, `maxTaps` per output sample (unused tail is zero).
    let weights: [Float]
    let maxTaps: Int

    init(inputSize: Int, outputSize: Int) {
        let scale = Float(inputSize) / Float(outputSize)
        let support: Float = scale >= 1 ? scale : 1
        let inverse: Float = scale >= 1 ? Float(1.0 / Double(scale)) : 1
        var firsts: [Int] = [], counts: [Int] = [], rows: [[Float]] = []
        for i in 0..<outputSize {
            let centre = Float(Double(scale) * (Double(i) + 0.5))
            let xmin = max(Int(Double(centre - support) + 0.5), 0)
            let xmax = min(Int(Double(centre + support) + 0.5), inputSize)
            var row: [Float] = []
            for j in 0..<max(xmax - xmin, 0) {
                let t = Float((Double(Float(xmin + j) - centre) + 0.5) * Double(inverse))
                row.append(abs(t) < 1 ? Float(1.0 - abs(Double(t))) : 0)
            }
            var total: Float = 0
            for w in row { total += w }
            firsts.append(xmin)
            counts.append(row.count)
            rows.append(row.map { $0 / total })
        }
        let widest = counts.max() ?? 0
        firstIndex = firsts
        tapCount = counts
        maxTaps = widest
        weights = rows.flatMap { $0 + [Float](repeating: 0, count: widest - $0.count) }
    }
}
