import COpenBLAS
import SpeckTensor

/// Row-major single-precision matrix products through OpenBLAS:
/// C = alpha · op(A) · op(B) + beta · C, with op = optional transpose.
enum GEMM {
    static func multiply(_ a: UnsafePointer<Float>, transposeA: Bool = false,
                         _ b: UnsafePointer<Float>, transposeB: Bool = false,
                         into c: UnsafeMutablePointer<Float>, m: Int, n: Int, k: Int,
                         alpha: Float = 1, beta: Float = 0) {
        BLAS.configure()
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(transposeA ? m : k), b, Int32(transposeB ? k : n), beta, c, Int32(n))
    }

    /// A [m, k] · B [k, n] as tensors, either optionally transposed in storage.
    static func product(_ a: Tensor, transposeA: Bool = false, _ b: Tensor, transposeB: Bool = false) -> Tensor {
        precondition(a.rank == 2 && b.rank == 2, "matrix product of \(a.shape) and \(b.shape)")
        let m = transposeA ? a.shape[1] : a.shape[0], k = transposeA ? a.shape[0] : a.shape[1]
        let kb = transposeB ? b.shape[1] : b.shape[0], n = transposeB ? b.shape[0] : b.shape[1]
        precondition(k == kb, "inner dimensions differ: \(a.shape) · \(b.shape)")
        var out = [Float](repeating: 0, count: m * n)
        a.data.withUnsafeBufferPointer { x in b.data.withUnsafeBufferPointer { y in out.withUnsafeMutableBufferPointer { o in
            multiply(x.baseAddress!, transposeA: transposeA, y.baseAddress!, transposeB: transposeB,
                     into: o.baseAddress!, m: m, n: n, k: k)
        } } }
        return Tensor(shape: [m, n], data: out)
    }
}
