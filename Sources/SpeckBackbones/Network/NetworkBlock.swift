import SpeckTensor

/// Scratch a block may use besides its input and output buffers. Every
/// buffer holds at least the network's `ScratchNeeds.elements` floats.
struct BlockScratch {
    let first: UnsafeMutablePointer<Float>
    let second: UnsafeMutablePointer<Float>
    let columns: UnsafeMutablePointer<Float>
}

/// How big the scratch buffers must be for one block at one input size.
struct ScratchNeeds: Equatable {
    var elements: Int
    var columns: Int

    func union(_ other: ScratchNeeds) -> ScratchNeeds {
        ScratchNeeds(elements: max(elements, other.elements), columns: max(columns, other.columns))
    }
}

/// One residual block, stem or head of a CNN, on channels-last activations.
protocol NetworkBlock: Sendable {
    func outputShape(_ input: FeatureShape) -> FeatureShape
    func scratchNeeds(_ input: FeatureShape) -> ScratchNeeds
    /// Reads `input`, writes `output` (distinct buffers) and returns the output shape.
    func run(_ input: UnsafePointer<Float>, _ shape: FeatureShape, output: UnsafeMutablePointer<Float>,
             scratch: BlockScratch) -> FeatureShape
}

/// A single convolution as a block (a stem or a head).
struct ConvBlock: NetworkBlock {
    let conv: ConvLayer

    func outputShape(_ input: FeatureShape) -> FeatureShape { conv.outputShape(input) }

    func scratchNeeds(_ input: FeatureShape) -> ScratchNeeds {
        ScratchNeeds(elements: max(input.elements, conv.outputShape(input).elements), columns: conv.columnElements(input))
    }

    func run(_ input: UnsafePointer<Float>, _ shape: FeatureShape, output: UnsafeMutablePointer<Float>,
             scratch: BlockScratch) -> FeatureShape {
        conv.run(input, shape, output: output, columns: scratch.columns)
    }
}
