import SpeckTensor

/// EfficientNet's MBConv without squeeze-excite (the Lite variant):
/// optional 1x1 expansion + ReLU6, depthwise kxk + ReLU6, 1x1 projection
/// (no activation), plus the input when the shape is unchanged.
///
/// The block runs in bands of output rows: expand the input rows a band needs,
/// filter them, project them. The wide expanded activation (up to 112x112x96,
/// 4.8 MB) then never leaves the core's L2 cache; only the halo rows between
/// bands are expanded twice.
struct InvertedResidualBlock: NetworkBlock {
    /// Floats of expanded activation per band (about 640 KB, a third of L2).
    static let bandElements = 160 * 1024

    let expand: ConvLayer?
    let depthwise: ConvLayer
    let project: ConvLayer

    var hasResidual: Bool { depthwise.stride == 1 && (expand?.inChannels ?? depthwise.inChannels) == project.outChannels }

    func outputShape(_ input: FeatureShape) -> FeatureShape {
        project.outputShape(depthwise.outputShape(expand?.outputShape(input) ?? input))
    }

    /// Output rows per band, so that a band's expanded input rows stay near `bandElements`.
    private func bandRows(_ input: FeatureShape, _ g: WindowGeometry) -> Int {
        let rowElements = input.width * (expand?.outChannels ?? input.channels)
        return max(1, (Self.bandElements / rowElements - (g.kernel - g.stride)) / g.stride)
    }

    func scratchNeeds(_ input: FeatureShape) -> ScratchNeeds {
        let expandedChannels = expand?.outChannels ?? input.channels
        let g = depthwise.geometry(FeatureShape(height: input.height, width: input.width, channels: expandedChannels))
        let rows = bandRows(input, g)
        let bandInputRows = min(input.height, (rows - 1) * g.stride + g.kernel)
        let band = max(bandInputRows * input.width * expandedChannels, rows * g.outWidth * expandedChannels)
        return ScratchNeeds(elements: max(input.elements, band, outputShape(input).elements), columns: 0)
    }

    func run(_ input: UnsafePointer<Float>, _ shape: FeatureShape, output: UnsafeMutablePointer<Float>,
             scratch: BlockScratch) -> FeatureShape {
        let expandedChannels = expand?.outChannels ?? shape.channels
        let g = depthwise.geometry(FeatureShape(height: shape.height, width: shape.width, channels: expandedChannels))
        let (k, s) = (g.kernel, g.stride)
        let bandRows = bandRows(shape, g)

        var oy0 = 0
        while oy0 < g.outHeight {
            let oy1 = min(oy0 + bandRows, g.outHeight)
            // Input rows this band's windows touch, clipped to the image.
            let iyLo = max(0, oy0 * s - g.padTop)
            let iyHi = min(shape.height, (oy1 - 1) * s - g.padTop + k)
            let bandInput = FeatureShape(height: iyHi - iyLo, width: shape.width, channels: shape.channels)
            var source = input + iyLo * shape.width * shape.channels
            if let expand {
                expand.run(source, bandInput, output: scratch.first, columns: scratch.columns)
                source = UnsafePointer(scratch.first)
            }
            let bandGeometry = WindowGeometry(kernel: k, stride: s, padTop: g.padTop + iyLo - oy0 * s, padLeft: g.padLeft,
                                              outHeight: oy1 - oy0, outWidth: g.outWidth)
            depthwise.runDepthwise(source, FeatureShape(height: bandInput.height, width: shape.width, channels: expandedChannels),
                                   geometry: bandGeometry, output: scratch.second)
            let offset = oy0 * g.outWidth * project.outChannels
            project.run(scratch.second, FeatureShape(height: oy1 - oy0, width: g.outWidth, channels: expandedChannels),
                        output: output + offset, columns: scratch.columns, residual: hasResidual ? input + offset : nil)
            oy0 = oy1
        }
        return FeatureShape(height: g.outHeight, width: g.outWidth, channels: project.outChannels)
    }
}
