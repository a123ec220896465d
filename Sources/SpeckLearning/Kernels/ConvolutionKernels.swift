import SpeckTensor

/// Batched convolution and transposed convolution on [N, C, H, W] buffers,
/// as im2col + one sgemm per chunk of images. The column matrix is rebuilt in
/// the backward pass instead of being kept: it is k² times the input.
enum ConvolutionKernels {
    /// Floats of column matrix per chunk (16 MB): small enough to stay in the
    /// last-level cache between im2col and sgemm for a 64-channel 64x64 map,
    /// while small maps still batch many images into one wide sgemm.
    static let columnBudget = 4 << 20

    static func chunkSize(_ g: ConvolutionGeometry, batch: Int, budget: Int = columnBudget) -> Int {
        max(1, min(batch, budget / max(1, g.patchSize * g.positions)))
    }

    /// Runs `body` with a chunk's column matrix and room for a chunk's
    /// [channels, n·positions] matrix (none needed for one image at a time).
    private static func withScratch<R>(_ g: ConvolutionGeometry, chunk: Int, channels: Int,
                                       _ body: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> R) -> R {
        ScratchPool.shared.withBuffer(g.patchSize * chunk * g.positions) { columns in
            ScratchPool.shared.withBuffer(chunk > 1 ? channels * chunk * g.positions : 0) { body(columns, $0) }
        }
    }

    /// x [N, C, H, W] · weight [O, C, k, k] → [N, O, outH, outW].
    static func convolve(_ x: Tensor, _ weight: Tensor, _ g: ConvolutionGeometry, budget: Int = columnBudget) -> Tensor {
        let batch = x.shape[0], outChannels = weight.shape[0], positions = g.positions
        let chunk = chunkSize(g, batch: batch, budget: budget)
        let y = [Float](unsafeUninitializedCapacity: batch * outChannels * positions) { y, initialised in
            withScratch(g, chunk: chunk, channels: outChannels) { columns, product in
            x.data.withUnsafeBufferPointer { x in weight.data.withUnsafeBufferPointer { w in
                for start in stride(from: 0, to: batch, by: chunk) {
                    let n = min(chunk, batch - start)
                    let out = y.baseAddress! + start * outChannels * positions
                    Im2Col.expand(x.baseAddress! + start * g.imageSize, count: n, g, into: columns)
                    // One image's [O, positions] product is already its slice of y.
                    GEMM.multiply(w.baseAddress!, columns, into: n == 1 ? out : product,
                                  m: outChannels, n: n * positions, k: g.patchSize)
                    if n > 1 { BatchLayout.unfold(product, channels: outChannels, count: n, positions: positions, into: out) }
                }
            } }
            }
            initialised = y.count
        }
        return Tensor(shape: [batch, outChannels, g.outHeight, g.outWidth], data: y)
    }

    /// Gradients of `convolve` with respect to its input and weight.
    static func convolveBackward(_ dy: Tensor, _ x: Tensor, _ weight: Tensor, _ g: ConvolutionGeometry,
                                 input: Bool, weights: Bool, budget: Int = columnBudget) -> (input: Tensor?, weight: Tensor?) {
        let batch = x.shape[0], outChannels = weight.shape[0], positions = g.positions
        var dx = input ? [Float](repeating: 0, count: x.count) : []
        var dw = weights ? [Float](repeating: 0, count: weight.count) : []
        let chunk = chunkSize(g, batch: batch, budget: budget)
        withScratch(g, chunk: chunk, channels: outChannels) { columns, scratch in
        x.data.withUnsafeBufferPointer { x in weight.data.withUnsafeBufferPointer { w in dy.data.withUnsafeBufferPointer { dy in
            for start in stride(from: 0, to: batch, by: chunk) {
                let n = min(chunk, batch - start)
                let slice = dy.baseAddress! + start * outChannels * positions
                let gathered = BatchLayout.matrix(of: slice, channels: outChannels, count: n, positions: positions, scratch: scratch)
                if weights {
                    Im2Col.expand(x.baseAddress! + start * g.imageSize, count: n, g, into: columns)
                    GEMM.multiply(gathered, columns, transposeB: true, into: &dw,
                                  m: outChannels, n: g.patchSize, k: n * positions, beta: 1)
                }
                if input {
                    GEMM.multiply(w.baseAddress!, transposeA: true, gathered, into: columns,
                                  m: g.patchSize, n: n * positions, k: outChannels)
                    dx.withUnsafeMutableBufferPointer {
                        Im2Col.fold(columns, count: n, g, into: $0.baseAddress! + start * g.imageSize)
                    }
                }
            }
        } } }
        }
        return (input ? Tensor(shape: x.shape, data: dx) : nil, weights ? Tensor(shape: weight.shape, data: dw) : nil)
    }

    /// Transposed convolution: x [N, Cin, H, W], weight [Cin, Cout, k, k] →
    /// [N, Cout, outH, outW], where `g` describes the *output* as the input of
    /// the matching forward convolution (whose output is H x W).
    static func transposedConvolve(_ x: Tensor, _ weight: Tensor, _ g: ConvolutionGeometry, budget: Int = columnBudget) -> Tensor {
        let batch = x.shape[0], inChannels = x.shape[1], positions = g.positions
        var y = [Float](repeating: 0, count: batch * g.imageSize)
        let chunk = chunkSize(g, batch: batch, budget: budget)
        withScratch(g, chunk: chunk, channels: inChannels) { columns, scratch in
        x.data.withUnsafeBufferPointer { x in weight.data.withUnsafeBufferPointer { w in
            for start in stride(from: 0, to: batch, by: chunk) {
                let n = min(chunk, batch - start)
                let slice = x.baseAddress! + start * inChannels * positions
                let gathered = BatchLayout.matrix(of: slice, channels: inChannels, count: n, positions: positions, scratch: scratch)
                GEMM.multiply(w.baseAddress!, transposeA: true, gathered, into: columns,
                              m: g.patchSize, n: n * positions, k: inChannels)
                y.withUnsafeMutableBufferPointer {
                    Im2Col.fold(columns, count: n, g, into: $0.baseAddress! + start * g.imageSize)
                }
            }
        } }
        }
        return Tensor(shape: [batch, g.channels, g.height, g.width], data: y)
    }

    static func transposedConvolveBackward(_ dy: Tensor, _ x: Tensor, _ weight: Tensor, _ g: ConvolutionGeometry,
                                           input: Bool, weights: Bool, budget: Int = columnBudget) -> (input: Tensor?, weight: Tensor?) {
        let batch = x.shape[0], inChannels = x.shape[1], positions = g.positions
        var dx = input ? [Float](repeating: 0, count: x.count) : []
        var dw = weights ? [Float](repeating: 0, count: weight.count) : []
        let chunk = chunkSize(g, batch: batch, budget: budget)
        withScratch(g, chunk: chunk, channels: inChannels) { columns, scratch in
        x.data.withUnsafeBufferPointer { x in weight.data.withUnsafeBufferPointer { w in dy.data.withUnsafeBufferPointer { dy in
            for start in stride(from: 0, to: batch, by: chunk) {
                let n = min(chunk, batch - start)
                Im2Col.expand(dy.baseAddress! + start * g.imageSize, count: n, g, into: columns)
                if input {
                    dx.withUnsafeMutableBufferPointer {
                        let out = $0.baseAddress! + start * inChannels * positions
                        GEMM.multiply(w.baseAddress!, columns, into: n == 1 ? out : scratch,
                                      m: inChannels, n: n * positions, k: g.patchSize)
                        if n > 1 { BatchLayout.unfold(scratch, channels: inChannels, count: n, positions: positions, into: out) }
                    }
                }
                if weights {
                    let slice = x.baseAddress! + start * inChannels * positions
                    let gathered = BatchLayout.matrix(of: slice, channels: inChannels, count: n, positions: positions, scratch: scratch)
                    GEMM.multiply(gathered, columns, transposeB: true, into: &dw,
                                  m: inChannels, n: g.patchSize, k: n * positions, beta: 1)
                }
            }
        } } }
        }
        return (input ? Tensor(shape: x.shape, data: dx) : nil, weights ? Tensor(shape: weight.shape, data: dw) : nil)
    }
}

extension ConvolutionGeometry {
    /// Images per sgemm in a batch of `batch` (the product is [O, patchSize] ·
    /// [patchSize, images · positions]): what `speck bench train` rates sgemm on.
    public func imagesPerProduct(batch: Int) -> Int { ConvolutionKernels.chunkSize(self, batch: batch) }
}

/// Moves between a batch [n, C, L] and the channel-major matrix [C, n·L] that
/// one sgemm over several images reads and writes.
enum BatchLayout {
    /// The chunk [n, C, L] as a matrix [C, n·L]: one image already is one, so it
    /// is read in place; several are folded into `scratch`.
    static func matrix(of batch: UnsafePointer<Float>, channels: Int, count n: Int, positions: Int,
                       scratch: UnsafeMutablePointer<Float>) -> UnsafePointer<Float> {
        guard n > 1 else { return batch }
        fold(batch, channels: channels, count: n, positions: positions, into: scratch)
        return UnsafePointer(scratch)
    }

    /// [n, C, L] → [C, n·L]
    static func fold(_ batch: UnsafePointer<Float>, channels: Int, count n: Int, positions: Int,
                     into matrix: UnsafeMutablePointer<Float>) {
        for image in 0..<n {
            for c in 0..<channels {
                (matrix + (c * n + image) * positions).update(from: batch + (image * channels + c) * positions, count: positions)
            }
        }
    }

    /// [C, n·L] → [n, C, L]
    static func unfold(_ matrix: UnsafePointer<Float>, channels: Int, count n: Int, positions: Int,
                       into batch: UnsafeMutablePointer<Float>) {
        for image in 0..<n {
            for c in 0..<channels {
                (batch + (image * channels + c) * positions).update(from: matrix + (c * n + image) * positions, count: positions)
            }
        }
    }
}
