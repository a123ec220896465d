import SpeckTensor
import XCTest
@testable import SpeckLearning

final class DepthwisePoolingTests: XCTestCase {
    /// Distinct values 0.05 apart in a seeded order: no two elements of a
    /// pooling window come within a finite-difference step of each other.
    static func separated(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        let count = shape.reduce(1, *)
        return Tensor(shape: shape, data: (0..<count).map { Float($0 - count / 2) * 0.05 }.shuffled(using: &rng))
    }

    func testDepthwiseMatchesPerChannelConvolution() {
        for (stride, padding, dilation) in [(1, 0, 1), (1, 1, 1), (2, 1, 1), (1, 2, 2), (3, 1, 1)] {
            let x = GradientCheck.input([2, 3, 7, 6], seed: 51), w = GradientCheck.input([3, 1, 3, 3], seed: 52)
            let fast = depthwiseConv2d(Variable(x), weight: Variable(w), stride: stride, padding: padding, dilation: dilation).value
            let channels = (0..<3).map { c in
                Variable(ConvolutionGradientTests.naiveConvolution(
                    Variable(x).slice(axis: 1, c..<(c + 1)).value, Variable(w).slice(axis: 0, c..<(c + 1)).value,
                    stride: stride, padding: padding, dilation: dilation))
            }
            let slow = concat(channels, axis: 1).value
            XCTAssertEqual(fast.shape, slow.shape)
            XCTAssertLessThan(fast.maxAbsDifference(to: slow), 1e-5, "stride \(stride) padding \(padding) dilation \(dilation)")
        }
    }

    func testDepthwiseGradients() {
        let x = GradientCheck.input([2, 3, 6, 5], seed: 53), w = GradientCheck.input([3, 1, 3, 3], seed: 54)
        GradientCheck.check([x, w, GradientCheck.input([3], seed: 55)]) {
            depthwiseConv2d($0[0], weight: $0[1], bias: $0[2], stride: 1, padding: 1)
        }
        GradientCheck.check([x, w]) { depthwiseConv2d($0[0], weight: $0[1], stride: 2, padding: 1) }
        GradientCheck.check([x, w]) { depthwiseConv2d($0[0], weight: $0[1], stride: 1, padding: 2, dilation: 2) }
        var rng = SeededGenerator(seed: 56)
        let layer = DepthwiseConv2d("dw", channels: 3, kernel: 3, padding: 1, rng: &rng)
        XCTAssertEqual(layer(Variable(x)).shape, [2, 3, 6, 5])
        XCTAssertEqual(layer.weight.shape, [3, 1, 3, 3])
    }

    /// Pooling by its definition: every window position, padding excluded from
    /// the max and counted (as zero) in the average.
    static func naivePool(_ x: Tensor, kernel: Int, stride: Int, padding: Int, max: Bool) -> Tensor {
        let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let outH = (h + 2 * padding - kernel) / stride + 1, outW = (w + 2 * padding - kernel) / stride + 1
        var y = Tensor(zeros: [n, c, outH, outW])
        for plane in 0..<(n * c) { for oy in 0..<outH { for ox in 0..<outW {
            var best = -Float.infinity, sum: Float = 0
            for ky in 0..<kernel { for kx in 0..<kernel {
                let iy = oy * stride - padding + ky, ix = ox * stride - padding + kx
                guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                let v = x.data[(plane * h + iy) * w + ix]
                best = Swift.max(best, v)
                sum += v
            } }
            y.data[(plane * outH + oy) * outW + ox] = max ? best : sum / Float(kernel * kernel)
        } } }
        return y
    }

    func testPoolingMatchesDefinition() {
        let x = Self.separated([2, 3, 7, 6], seed: 57)
        for (kernel, stride, padding) in [(2, 2, 0), (3, 1, 1), (3, 2, 1), (2, 1, 0)] {
            for max in [true, false] {
                let v = Variable(x)
                let fast = max ? v.maxPool2d(kernel: kernel, stride: stride, padding: padding).value
                               : v.avgPool2d(kernel: kernel, stride: stride, padding: padding).value
                let slow = Self.naivePool(x, kernel: kernel, stride: stride, padding: padding, max: max)
                XCTAssertEqual(fast.shape, slow.shape)
                XCTAssertLessThan(fast.maxAbsDifference(to: slow), 1e-6, "k \(kernel) s \(stride) p \(padding) max \(max)")
            }
        }
        XCTAssertEqual(Variable(x).maxPool2d(kernel: 2).shape, [2, 3, 3, 3])
    }

    func testPoolingGradients() {
        let x = Self.separated([2, 2, 6, 5], seed: 58)
        GradientCheck.check([x]) { $0[0].maxPool2d(kernel: 2) }
        GradientCheck.check([x]) { $0[0].maxPool2d(kernel: 3, stride: 2, padding: 1) }
        GradientCheck.check([x]) { $0[0].avgPool2d(kernel: 2) }
        GradientCheck.check([x]) { $0[0].avgPool2d(kernel: 3, stride: 1, padding: 1) }
    }

    func testMaxPoolGradientGoesToTheArgmax() {
        let p = Parameter("x", Tensor(shape: [1, 1, 2, 4], data: [1, 5, 2, 0,
                                                                  3, 4, 9, 9]))
        let gradient = Variable(p).maxPool2d(kernel: 2).sum().backward()[p]!
        // Windows [1 5 3 4] → 5, [2 0 9 9] → the first 9.
        XCTAssertEqual(gradient.data, [0, 1, 0, 0, 0, 0, 1, 0])
        let overlapping = Variable(p).maxPool2d(kernel: 2, stride: 1).sum().backward()[p]!
        // Windows' maxima: 5, 9 (index 6), 9 (index 6): overlapping windows add up.
        XCTAssertEqual(overlapping.data, [0, 1, 0, 0, 0, 0, 2, 0])
    }
}
