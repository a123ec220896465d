import SpeckTensor

/// EfficientNet's MBConv without squeeze-excite (the Lite variant):
/// optional 1x1 expansion + ReLU6, depthwise kxk + ReLU6, 1x1 projection
/// (no activation), plus the input when the shape is unchanged.
struct InvertedResidualBlock: NetworkBlock {
    let expand: ConvLayer?
    let depthwise: ConvLayer
    let project: ConvLayer

    var hasResidual: Bool { depthwise.stride == 1 && (expand?.inChannels ?? depthwise.inChannels) == project.outChannels }

    func outputShape(_ input: FeatureShape) -> FeatureShape {
        project.outputShape(depthwise.outputShape(expand?.outputShape(input) ?? input))
    }

    func scratchNeeds(_ input: FeatureShape) -> ScratchNeeds {
        let expanded = expand?.outputShape(input) ?? input
        let filtered = depthwise.outputShape(expanded)
        let output = project.outputShape(filtered)
        return ScratchNeeds(elements: max(input.elements, expanded.elements, filtered.elements, output.elements), columns: 0)
    }

    func run(_ input: UnsafePointer<Float>, _ shape: FeatureShape, output: UnsafeMutablePointer<Float>,
             scratch: BlockScratch) -> FeatureShape {
        var source = input
        var current = shape
        if let expand {
            current = expand.run(input, shape, output: scratch.first, columns: scratch.columns)
            source = UnsafePointer(scratch.first)
        }
        current = depthwise.run(source, current, output: scratch.second, columns: scratch.columns)
        return project.run(scratch.second, current, output: output, columns: scratch.columns,
                           residual: hasResidual ? input : nil)
    }
}
