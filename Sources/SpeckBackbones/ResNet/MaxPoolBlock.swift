import SpeckTensor

/// The ResNet stem's 3x3 stride-2 max pool (padding 1).
struct MaxPoolBlock: NetworkBlock {
    let kernel = 3, stride = 2, padding = Padding.symmetric(1)

    func outputShape(_ input: FeatureShape) -> FeatureShape {
        let g = padding.geometry(kernel: kernel, stride: stride, height: input.height, width: input.width)
        return FeatureShape(height: g.outHeight, width: g.outWidth, channels: input.channels)
    }

    func scratchNeeds(_ input: FeatureShape) -> ScratchNeeds { ScratchNeeds(elements: input.elements, columns: 0) }

    func run(_ input: UnsafePointer<Float>, _ shape: FeatureShape, output: UnsafeMutablePointer<Float>,
             scratch: BlockScratch) -> FeatureShape {
        let g = padding.geometry(kernel: kernel, stride: stride, height: shape.height, width: shape.width)
        Ops.maxPool(input: input, shape: shape, geometry: g, output: output)
        return outputShape(shape)
    }
}
