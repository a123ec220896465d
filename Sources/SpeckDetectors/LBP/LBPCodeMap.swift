/// Per-pixel LBP labels of a grey plane for one pattern, plus (optionally)
/// the local contrast VAR: the variance of the P samples around the pixel.
///
/// A neighbour counts as "at least the centre" within 1e-5, so that flat
/// areas give the flat code despite bilinear rounding.
public struct LBPCodeMap: Sendable {
    public let width: Int
    public let height: Int
    public let labels: [UInt8]
    public let contrast: [Float]?

    static let tolerance: Float = 1e-5

    public init(grey: [Float], width: Int, height: Int, pattern: LBPPattern, withContrast: Bool = false) {
        precondition(grey.count == width * height, "plane size does not match")
        self.width = width
        self.height = height
        let pad = pattern.padding
        let paddedWidth = width + 2 * pad
        let padded = Self.edgePadded(grey, width: width, height: height, pad: pad)

        var labels = [UInt8](repeating: 0, count: width * height)
        var contrast = withContrast ? [Float](repeating: 0, count: width * height) : []
        var codes = [UInt32](repeating: 0, count: width)
        var sample = [Float](repeating: 0, count: width)
        var sum = [Float](repeating: 0, count: width)
        var sumOfSquares = [Float](repeating: 0, count: width)
        let count = Float(pattern.points)
        padded.withUnsafeBufferPointer { plane in
            for y in 0 ..< height {
                let centre = plane.baseAddress! + (y + pad) * paddedWidth + pad
                for x in 0 ..< width { codes[x] = 0; sum[x] = 0; sumOfSquares[x] = 0 }
                // One sampling point at a time across the whole row: vectorisable loops.
                for (p, taps) in pattern.taps.enumerated() {
                    for x in 0 ..< width { sample[x] = 0 }
                    for tap in taps {
                        let source = centre + tap.dy * paddedWidth + tap.dx
                        let weight = tap.weight
                        for x in 0 ..< width { sample[x] += weight * source[x] }
                    }
                    let bit = UInt32(1) << UInt32(p)
                    for x in 0 ..< width {
                        codes[x] |= sample[x] - centre[x] >= -Self.tolerance ? bit : 0
                    }
                    if withContrast {
                        for x in 0 ..< width {
                            sum[x] += sample[x]
                            sumOfSquares[x] += sample[x] * sample[x]
                        }
                    }
                }
                let row = y * width
                for x in 0 ..< width { labels[row + x] = pattern.riu2[Int(codes[x])] }
                if withContrast {
                    for x in 0 ..< width {
                        let mean = sum[x] / count
                        contrast[row + x] = max(0, sumOfSquares[x] / count - mean * mean)
                    }
                }
            }
        }
        self.labels = labels
        self.contrast = withContrast ? contrast : nil
    }

    /// The plane with `pad` replicated border pixels on every side.
    static func edgePadded(_ plane: [Float], width: Int, height: Int, pad: Int) -> [Float] {
        let paddedWidth = width + 2 * pad
        var result = [Float](repeating: 0, count: paddedWidth * (height + 2 * pad))
        for y in 0 ..< height + 2 * pad {
            let sourceRow = min(max(y - pad, 0), height - 1) * width
            for x in 0 ..< paddedWidth {
                result[y * paddedWidth + x] = plane[sourceRow + min(max(x - pad, 0), width - 1)]
            }
        }
        return result
    }
}
