import COpenBLAS

extension Ops {
    /// 1x1 convolution on a channels-last buffer: one sgemm
    /// `output[pixels, outC] = input[pixels, inC] * weights[inC, outC]`, then bias,
    /// optional residual add and activation.
    public static func pointwiseConvolution(input: UnsafePointer<Float>, pixels: Int, inChannels: Int,
                                            weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                                            outChannels: Int, activation: Activation,
                                            residual: UnsafePointer<Float>? = nil,
                                            output: UnsafeMutablePointer<Float>) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                    Int32(pixels), Int32(outChannels), Int32(inChannels),
                    1, input, Int32(inChannels), weights, Int32(outChannels),
                    0, output, Int32(outChannels))
        applyBiasActivation(output, pixels: pixels, channels: outChannels, bias: bias,
                            activation: activation, residual: residual)
    }
}
