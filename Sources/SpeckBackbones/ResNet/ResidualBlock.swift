import SpeckTensor

/// A torchvision ResNet block: BasicBlock (two 3x3 convs) when `third` is nil,
/// otherwise Bottleneck (1x1, 3x3 with the stride, 1x1). The shortcut is the
/// input or `downsample(input)`; ReLU follows the add.
struct ResidualBlock: NetworkBlock {
    let first: ConvLayer
    let second: ConvLayer
    let third: ConvLayer?
    let downsample: ConvLayer?

    private var convs: [ConvLayer] { [first, second] + (third.map { [$0] } ?? []) }

    func outputShape(_ input: FeatureShape) -> FeatureShape {
        convs.reduce(input) { $1.outputShape($0) }
    }

    func scratchNeeds(_ input: FeatureShape) -> ScratchNeeds {
        var needs = ScratchNeeds(elements: input.elements, columns: downsample?.columnElements(input) ?? 0)
        var shape = input
        for conv in convs {
            needs = needs.union(ScratchNeeds(elements: conv.outputShape(shape).elements, columns: conv.columnElements(shape)))
            shape = conv.outputShape(shape)
        }
        return needs
    }

    func run(_ input: UnsafePointer<Float>, _ shape: FeatureShape, output: UnsafeMutablePointer<Float>,
             scratch: BlockScratch) -> FeatureShape {
        let columns = scratch.columns
        let afterFirst = first.run(input, shape, output: scratch.first, columns: columns)
        if let third {
            // Bottleneck: the shortcut reuses `first` once the 3x3 has consumed it.
            let afterSecond = second.run(scratch.first, afterFirst, output: scratch.second, columns: columns)
            let shortcut = downsample.map { $0.run(input, shape, output: scratch.first, columns: columns); return UnsafePointer(scratch.first) } ?? input
            return third.run(scratch.second, afterSecond, output: output, columns: columns, residual: shortcut)
        }
        let shortcut = downsample.map { $0.run(input, shape, output: scratch.second, columns: columns); return UnsafePointer(scratch.second) } ?? input
        return second.run(scratch.first, afterFirst, output: output, columns: columns, residual: shortcut)
    }
}
