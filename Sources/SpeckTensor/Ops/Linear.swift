import COpenBLAS

extension Ops {
    /// Fully connected layer `y = W x + b` with `weights` [outFeatures, inFeatures].
    public static func linear(input: UnsafePointer<Float>, inFeatures: Int, weights: UnsafePointer<Float>,
                              bias: UnsafePointer<Float>, outFeatures: Int, output: UnsafeMutablePointer<Float>) {
        BLAS.configure()
        output.update(from: bias, count: outFeatures)
        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(outFeatures), Int32(inFeatures),
                    1, weights, Int32(inFeatures), input, 1, 1, output, 1)
    }
}
