import COpenBLAS

extension Ops {
    /// Output floats per sgemm call: the bias/activation pass then runs on a
    /// tile that is still in L2 instead of streaming the whole map back from memory.
    static let pointwiseTileElements = 64 * 1024

    /// 1x1 convolution on a channels-last buffer: sgemm
    /// `output[pixels, outC] = input[pixels, inC] * weights[inC, outC]`, then bias,
    /// optional residual add and activation, tile by tile.
    public static func pointwiseConvolution(input: UnsafePointer<Float>, pixels: Int, inChannels: Int,
                                            weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                                            outChannels: Int, activation: Activation,
                                            residual: UnsafePointer<Float>? = nil,
                                            output: UnsafeMutablePointer<Float>) {
        BLAS.configure()
        let tile = max(16, pointwiseTileElements / outChannels)
        var start = 0
        while start < pixels {
            let rows = min(tile, pixels - start)
            let out = output + start * outChannels
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                        Int32(rows), Int32(outChannels), Int32(inChannels),
                        1, input + start * inChannels, Int32(inChannels), weights, Int32(outChannels),
                        0, out, Int32(outChannels))
            applyBiasActivation(out, pixels: rows, channels: outChannels, bias: bias, activation: activation,
                                residual: residual.map { $0 + start * outChannels })
            start += rows
        }
    }
}
