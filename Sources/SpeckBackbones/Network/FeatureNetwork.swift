import SpeckImaging
import SpeckTensor

/// A CNN as named stages of blocks plus a classifier: runs the stages on
/// channels-last activations, copies out the requested taps as [C, H, W], and
/// stops after the last stage anyone asked for.
final class FeatureNetwork: Sendable {
    struct Stage: Sendable {
        let name: String
        let blocks: [any NetworkBlock]
    }

    struct Output {
        var taps: [String: Tensor] = [:]
        var pooled: [Float]?
        var logits: [Float]?
    }

    let stages: [Stage]
    let classifier: LinearLayer
    let mean: [Float]
    let std: [Float]
    /// Channels and stride (input pixels per cell) of every stage.
    let tapShapes: [String: (channels: Int, stride: Int)]
    private let pool = ScratchPool()

    init(stages: [Stage], classifier: LinearLayer, mean: [Float], std: [Float]) {
        self.stages = stages
        self.classifier = classifier
        self.mean = mean
        self.std = std
        var shape = FeatureShape(height: 1024, width: 1024, channels: 3)
        var tapShapes: [String: (channels: Int, stride: Int)] = [:]
        for stage in stages {
            for block in stage.blocks { shape = block.outputShape(shape) }
            tapShapes[stage.name] = (shape.channels, 1024 / shape.height)
        }
        self.tapShapes = tapShapes
    }

    var stageNames: [String] { stages.map(\.name) }

    /// Output shape of every stage for an input of `height` x `width`.
    func stageShapes(height: Int, width: Int) -> [String: FeatureShape] {
        var shape = FeatureShape(height: height, width: width, channels: 3)
        var shapes: [String: FeatureShape] = [:]
        for stage in stages {
            for block in stage.blocks { shape = block.outputShape(shape) }
            shapes[stage.name] = shape
        }
        return shapes
    }

    /// Runs on an RGB (or grey, replicated) image in [0, 1], normalising it first.
    func run(image original: Image, taps: [String], classify: Bool) throws -> Output {
        guard original.width >= 32, original.height >= 32 else {
            throw BackboneError.imageTooSmall(width: original.width, height: original.height)
        }
        guard original.channels == 3 || original.channels == 1 else { throw BackboneError.notRGB(channels: original.channels) }
        let image = original.channels == 1 ? original.asRGB() : original
        let shape = FeatureShape(height: image.height, width: image.width, channels: 3)
        return run(input: shape, taps: taps, classify: classify) { hwc in
            image.pixels.withUnsafeBufferPointer { planes in
                let plane = shape.pixels
                for c in 0..<3 {
                    let (m, s) = (mean[c], std[c])
                    for p in 0..<plane { hwc[p * 3 + c] = (planes[c * plane + p] - m) / s }
                }
            }
        }
    }

    /// Runs on an already-normalised [3, H, W] tensor (the reference fixtures' input).
    func run(normalisedInput input: Tensor, taps: [String], classify: Bool) throws -> Output {
        precondition(input.rank == 3 && input.shape[0] == 3, "expected [3, H, W], got \(input.shape)")
        let shape = FeatureShape(height: input.shape[1], width: input.shape[2], channels: 3)
        return run(input: shape, taps: taps, classify: classify) { hwc in
            input.data.withUnsafeBufferPointer { Ops.chwToHWC($0.baseAddress!, shape: shape, output: hwc) }
        }
    }

    private func run(input shape: FeatureShape, taps: [String], classify: Bool,
                     fill: (UnsafeMutablePointer<Float>) -> Void) -> Output {
        let lastStage = classify ? stages.count - 1 : (stages.lastIndex { taps.contains($0.name) } ?? -1)
        var output = Output()
        guard lastStage >= 0 else { return output }
        let needs = scratchNeeds(shape, through: lastStage)

        return pool.withScratch { scratch in
            scratch.ensure(needs)
            var buffers = scratch.buffers.map(\.pointer)   // [current, next, temp, temp]
            fill(buffers[0])
            var current = shape
            for (index, stage) in stages.enumerated() where index <= lastStage {
                for block in stage.blocks {
                    let blockScratch = BlockScratch(first: buffers[2], second: buffers[3], columns: scratch.columns.pointer)
                    current = block.run(buffers[0], current, output: buffers[1], scratch: blockScratch)
                    buffers.swapAt(0, 1)
                }
                if taps.contains(stage.name) {
                    var planar = [Float](repeating: 0, count: current.elements)
                    planar.withUnsafeMutableBufferPointer { Ops.hwcToCHW(buffers[0], shape: current, output: $0.baseAddress!) }
                    output.taps[stage.name] = Tensor(shape: [current.channels, current.height, current.width], data: planar)
                }
            }
            if classify {
                var pooled = [Float](repeating: 0, count: current.channels)
                var logits = [Float](repeating: 0, count: classifier.outFeatures)
                pooled.withUnsafeMutableBufferPointer { p in
                    Ops.globalAveragePool(input: buffers[0], shape: current, output: p.baseAddress!)
                    logits.withUnsafeMutableBufferPointer { classifier.run(p.baseAddress!, output: $0.baseAddress!) }
                }
                output.pooled = pooled
                output.logits = logits
            }
            return output
        }
    }

    private func scratchNeeds(_ input: FeatureShape, through lastStage: Int) -> ScratchNeeds {
        var needs = ScratchNeeds(elements: input.elements, columns: 0)
        var shape = input
        for stage in stages.prefix(lastStage + 1) {
            for block in stage.blocks {
                needs = needs.union(block.scratchNeeds(shape))
                shape = block.outputShape(shape)
            }
        }
        return needs
    }
}
