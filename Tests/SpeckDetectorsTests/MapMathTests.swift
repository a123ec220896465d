import XCTest
import SpeckTensor
@testable import SpeckDetectors

final class MapMathTests: XCTestCase {
    func testBlurKernelMatchesAnomalibSizeAndSumsToOne() {
        let blur = GaussianBlur(sigma: 4)
        XCTAssertEqual(blur.kernel.count, 33)  // 2 * int(4 * 4 + 0.5) + 1
        XCTAssertEqual(blur.kernel.reduce(0, +), 1, accuracy: 1e-6)
        XCTAssertEqual(blur.kernel[16], blur.kernel.max())
        XCTAssertEqual(blur.kernel[0], blur.kernel[32])
    }

    func testBlurKeepsConstantsAndMass() {
        let blur = GaussianBlur(sigma: 2)
        let flat = blur.apply([Float](repeating: 3, count: 40 * 30), width: 40, height: 30)
        for v in flat { XCTAssertEqual(v, 3, accuracy: 1e-5) }
        // A centred impulse far from the edges spreads but keeps its total.
        var impulse = [Float](repeating: 0, count: 41 * 41)
        impulse[20 * 41 + 20] = 1
        let spread = blur.apply(impulse, width: 41, height: 41)
        XCTAssertEqual(spread.reduce(0, +), 1, accuracy: 1e-5)
        XCTAssertEqual(spread[20 * 41 + 20], blur.kernel[blur.radius] * blur.kernel[blur.radius], accuracy: 1e-7)
    }

    func testReflectPaddingSkipsTheEdgeSample() {
        XCTAssertEqual((-3...7).map { GaussianBlur.reflect($0, size: 5) }, [3, 2, 1, 0, 1, 2, 3, 4, 3, 2, 1])
    }

    func testBilinearResizeMatchesTorchAlignCornersFalse() {
        let t = Tensor(shape: [1, 2, 2], data: [0, 1, 2, 3])
        let up = PlaneResize.resize(t, height: 4, width: 4, mode: .bilinear)
        XCTAssertEqual(up.data, [0, 0.25, 0.75, 1,
                                 0.5, 0.75, 1.25, 1.5,
                                 1.5, 1.75, 2.25, 2.5,
                                 2, 2.25, 2.75, 3])
        let near = PlaneResize.resize(t, height: 4, width: 4, mode: .nearest)
        XCTAssertEqual(near.data, [0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3])
    }

    func testAveragePoolCountsPaddingAsZeros() {
        let t = Tensor(shape: [1, 3, 3], data: [Float](repeating: 9, count: 9))
        let pooled = LocalAverage.pool3x3(t)
        XCTAssertEqual(pooled.data, [4, 6, 4, 6, 9, 6, 4, 6, 4])
    }

    func testEmbeddingConcatenatesTapsOnTheFinestGrid() {
        let fine = Tensor(shape: [2, 2, 2], data: [1, 2, 3, 4, 5, 6, 7, 8])
        let coarse = Tensor(shape: [1, 1, 1], data: [9])
        let grid = PatchEmbedding(localAverage: false, upsampling: .nearest).combine([fine, coarse])
        XCTAssertEqual(grid.height, 2)
        XCTAssertEqual(grid.patches.dim, 3)
        XCTAssertEqual(grid.patches.values, [1, 5, 9, 2, 6, 9, 3, 7, 9, 4, 8, 9])
    }
}
