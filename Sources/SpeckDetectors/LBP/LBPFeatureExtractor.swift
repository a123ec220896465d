import SpeckImaging

/// Turns a preprocessed RGB image into one feature row per LBP cell:
///
///   √histogram of riu2 LBP(8, 1)   (10) — Hellinger embedding, so Euclidean
///   √histogram of riu2 LBP(16, 2)  (18)   distance between rows is the
///   √histogram of quantised VAR(8,1) (8)   Hellinger distance of histograms
///   mean of R, G, B in the cell      (3)
///   standard deviation of R, G, B    (3)
public struct LBPFeatureExtractor: Sendable {
    public static let contrastBins = 8
    /// Column ranges of the feature groups, in order.
    public static let groups: [Range<Int>] = [0 ..< 10, 10 ..< 28, 28 ..< 36, 36 ..< 39, 39 ..< 42]
    public static let dimension = 42

    public let layout: LBPCellLayout
    /// Ascending VAR values separating the contrast bins (`contrastBins - 1` edges).
    public let contrastEdges: [Float]

    public init(layout: LBPCellLayout, contrastEdges: [Float]) {
        precondition(contrastEdges.count == Self.contrastBins - 1, "wrong number of contrast edges")
        self.layout = layout
        self.contrastEdges = contrastEdges
    }

    /// Learns contrast bin edges as equal-count quantiles of VAR over sample images.
    public static func learnContrastEdges(from images: [Image]) -> [Float] {
        var samples: [Float] = []
        for image in images {
            let grey = image.asGrey()
            let map = LBPCodeMap(grey: grey.pixels, width: grey.width, height: grey.height, pattern: .p8r1, withContrast: true)
            // Every 3rd pixel is plenty for quantiles and keeps this cheap.
            samples.append(contentsOf: stride(from: 0, to: map.contrast!.count, by: 3).map { map.contrast![$0] })
        }
        samples.sort()
        return (1 ..< contrastBins).map { i in
            samples.isEmpty ? Float(i) : samples[min(samples.count - 1, samples.count * i / contrastBins)]
        }
    }

    /// Feature rows, cell-major (row = cellY * cellsPerSide + cellX).
    public func features(of image: Image) -> PatchMatrix {
        precondition(image.channels == 3 && image.width == layout.side && image.height == layout.side,
                     "LBP features need the preprocessed RGB square")
        let side = layout.side, blocks = layout.blocksPerSide
        let grey = image.asGrey()
        let lbp8 = LBPCodeMap(grey: grey.pixels, width: side, height: side, pattern: .p8r1, withContrast: true)
        let lbp16 = LBPCodeMap(grey: grey.pixels, width: side, height: side, pattern: .p16r2)

        // Per-block counts and colour sums; cells then add up 2 x 2 blocks.
        let bins = Self.dimension - 6 // histogram columns
        var counts = [Float](repeating: 0, count: blocks * blocks * bins)
        var colourSums = [Float](repeating: 0, count: blocks * blocks * 6)
        let blockOfPixel = (0 ..< side).map { layout.blockIndex($0) }
        let contrast = lbp8.contrast!
        let plane = side * side
        for y in 0 ..< side {
            let blockRow = blockOfPixel[y] * blocks
            for x in 0 ..< side {
                let i = y * side + x
                let b = blockRow + blockOfPixel[x]
                let base = b * bins
                counts[base + Int(lbp8.labels[i])] += 1
                counts[base + 10 + Int(lbp16.labels[i])] += 1
                counts[base + 28 + contrastBin(contrast[i])] += 1
                for c in 0 ..< 3 {
                    let v = image.pixels[c * plane + i]
                    colourSums[b * 6 + c] += v
                    colourSums[b * 6 + 3 + c] += v * v
                }
            }
        }

        let cells = layout.cellsPerSide, d = Self.dimension
        var rows = [Float](repeating: 0, count: layout.cellCount * d)
        var histogram = [Float](repeating: 0, count: bins)
        var colour = [Float](repeating: 0, count: 6)
        for cy in 0 ..< cells {
            for cx in 0 ..< cells {
                for i in 0 ..< bins { histogram[i] = 0 }
                for i in 0 ..< 6 { colour[i] = 0 }
                for (by, bx) in [(cy, cx), (cy, cx + 1), (cy + 1, cx), (cy + 1, cx + 1)] {
                    let b = by * blocks + bx
                    for i in 0 ..< bins { histogram[i] += counts[b * bins + i] }
                    for i in 0 ..< 6 { colour[i] += colourSums[b * 6 + i] }
                }
                let pixels = histogram[0 ..< 10].reduce(0, +) // every pixel has one label per pattern
                let row = (cy * cells + cx) * d
                for i in 0 ..< bins { rows[row + i] = (histogram[i] / pixels).squareRoot() }
                for c in 0 ..< 3 {
                    let mean = colour[c] / pixels
                    rows[row + 36 + c] = mean
                    rows[row + 39 + c] = max(0, colour[3 + c] / pixels - mean * mean).squareRoot()
                }
            }
        }
        return PatchMatrix(rows: layout.cellCount, dim: d, values: rows)
    }

    @inline(__always)
    private func contrastBin(_ value: Float) -> Int {
        var bin = 0
        while bin < contrastEdges.count && value > contrastEdges[bin] { bin += 1 }
        return bin
    }
}
