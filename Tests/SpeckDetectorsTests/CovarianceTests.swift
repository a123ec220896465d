import XCTest
@testable import SpeckDetectors

final class CovarianceTests: XCTestCase {
    func testCholeskyInverseOfKnownMatrix() throws {
        let inverse = try SymmetricInverse.invert([4, 2, 2, 3], order: 2)
        let expected: [Double] = [3.0 / 8, -2.0 / 8, -2.0 / 8, 4.0 / 8]
        for (a, b) in zip(inverse, expected) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    }

    func testInverseTimesMatrixIsIdentity() throws {
        let n = 6
        let b = randomMatrix(rows: n, dim: n, seed: 5)
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { for k in 0..<n {
            a[i * n + j] += Double(b.values[i * n + k]) * Double(b.values[j * n + k])
        } } }
        for i in 0..<n { a[i * n + i] += 0.5 }
        let inv = try SymmetricInverse.invert(a, order: n)
        for i in 0..<n { for j in 0..<n {
            let v = (0..<n).reduce(0.0) { $0 + a[i * n + $1] * inv[$1 * n + j] }
            XCTAssertEqual(v, i == j ? 1 : 0, accuracy: 1e-9)
        } }
    }

    func testNonPositiveDefiniteIsAClearError() {
        XCTAssertThrowsError(try SymmetricInverse.invert([1, 2, 2, 1], order: 2)) { error in
            XCTAssertTrue("\(error)".contains("not positive definite"))
        }
    }

    func testMahalanobisOfPositionGaussians() throws {
        // Two positions, 2-d, three samples each: closed-form mean and covariance.
        let samples = [
            PatchMatrix(rows: 2, dim: 2, values: [1, 0, 0, 0]),
            PatchMatrix(rows: 2, dim: 2, values: [-1, 0, 0, 2]),
            PatchMatrix(rows: 2, dim: 2, values: [0, 0, 0, -2]),
        ]
        var sums = GaussianSums(positions: 2, dim: 2)
        try sums.add(samples, cancelled: {})
        let g = try sums.gaussians(regularisation: 0.01, cancelled: {})
        XCTAssertEqual(g.means, [0, 0, 0, 0])
        // Position 0: var(x) = 1, var(y) = 0 -> cov = diag(1.01, 0.01).
        let d = g.distances(PatchMatrix(rows: 2, dim: 2, values: [1, 0.1, 0, 0]))
        XCTAssertEqual(d[0], Float((1 / 1.01 + 0.01 / 0.01).squareRoot()), accuracy: 1e-4)
        XCTAssertEqual(d[1], 0, accuracy: 1e-6)
    }

    func testChannelSubsetIsSeededSortedAndDistinct() {
        let a = ChannelSubset.choose(100, of: 152, seed: 0)
        XCTAssertEqual(a, ChannelSubset.choose(100, of: 152, seed: 0))
        XCTAssertNotEqual(a, ChannelSubset.choose(100, of: 152, seed: 1))
        XCTAssertEqual(a, a.sorted())
        XCTAssertEqual(Set(a).count, 100)
        XCTAssertEqual(ChannelSubset.choose(200, of: 152, seed: 0), Array(0..<152))
    }
}
