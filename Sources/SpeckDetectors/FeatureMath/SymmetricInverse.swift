import COpenBLAS

/// Inverse of a symmetric positive-definite matrix through LAPACK's Cholesky
/// routines (dpotrf + dpotri), in double precision for stability.
public enum SymmetricInverse {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case notPositiveDefinite(order: Int, column: Int)
        case invalidArgument(Int)

        public var description: String {
            switch self {
            case .notPositiveDefinite(let n, let col):
                return "matrix of order \(n) is not positive definite (Cholesky failed at column \(col))"
            case .invalidArgument(let i): return "LAPACK rejected argument \(i)"
            }
        }
    }

    /// `matrix` is row-major n x n (symmetric, so row- or column-major is the same).
    public static func invert(_ matrix: [Double], order n: Int) throws -> [Double] {
        precondition(matrix.count == n * n, "matrix size does not match its order")
        var a = matrix
        var order = Int32(n), lda = Int32(max(n, 1)), info: Int32 = 0
        var uplo = CChar(UInt8(ascii: "L"))
        dpotrf_(&uplo, &order, &a, &lda, &info)
        if info > 0 { throw Failure.notPositiveDefinite(order: n, column: Int(info)) }
        if info < 0 { throw Failure.invalidArgument(Int(-info)) }
        dpotri_(&uplo, &order, &a, &lda, &info)
        if info > 0 { throw Failure.notPositiveDefinite(order: n, column: Int(info)) }
        if info < 0 { throw Failure.invalidArgument(Int(-info)) }
        // Only the lower triangle (column-major) was written: mirror it.
        for col in 0..<n {
            for row in (col + 1)..<max(n, col + 1) {
                a[row * n + col] = a[col * n + row]
            }
        }
        return a
    }
}
