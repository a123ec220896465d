import SpeckTensor
import XCTest
@testable import SpeckLearning

final class ConvolutionGradientTests: XCTestCase {
    /// Direct definition of a convolution, to check the im2col path against.
    static func naiveConvolution(_ x: Tensor, _ w: Tensor, stride: Int, padding: Int, dilation: Int) -> Tensor {
        let (n, c, h, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (o, k) = (w.shape[0], w.shape[2])
        let g = ConvolutionGeometry(channels: c, height: h, width: width, kernel: k, stride: stride, padding: padding, dilation: dilation)
        var y = Tensor(zeros: [n, o, g.outHeight, g.outWidth])
        for b in 0..<n { for oc in 0..<o { for oy in 0..<g.outHeight { for ox in 0..<g.outWidth {
            var sum: Float = 0
            for ic in 0..<c { for ky in 0..<k { for kx in 0..<k {
                let iy = oy * stride - padding + ky * dilation, ix = ox * stride - padding + kx * dilation
                guard iy >= 0, iy < h, ix >= 0, ix < width else { continue }
                sum += x.data[((b * c + ic) * h + iy) * width + ix] * w.data[((oc * c + ic) * k + ky) * k + kx]
            } } }
            y.data[((b * o + oc) * g.outHeight + oy) * g.outWidth + ox] = sum
        } } } }
        return y
    }

    func testConvolutionMatchesDefinition() {
        for (stride, padding, dilation) in [(1, 0, 1), (1, 1, 1), (2, 1, 1), (2, 0, 2), (3, 2, 1)] {
            let x = GradientCheck.input([2, 3, 7, 6], seed: 21), w = GradientCheck.input([4, 3, 3, 3], seed: 22)
            let fast = conv2d(Variable(x), weight: Variable(w), stride: stride, padding: padding, dilation: dilation).value
            let slow = Self.naiveConvolution(x, w, stride: stride, padding: padding, dilation: dilation)
            XCTAssertEqual(fast.shape, slow.shape)
            XCTAssertLessThan(fast.maxAbsDifference(to: slow), 1e-5, "stride \(stride) padding \(padding) dilation \(dilation)")
        }
    }

    func testConvolutionGradients() {
        let x = GradientCheck.input([2, 3, 6, 5], seed: 23), w = GradientCheck.input([4, 3, 3, 3], seed: 24)
        let b = GradientCheck.input([4], seed: 25)
        GradientCheck.check([x, w, b]) { conv2d($0[0], weight: $0[1], bias: $0[2], stride: 1, padding: 1) }
        GradientCheck.check([x, w]) { conv2d($0[0], weight: $0[1], stride: 2, padding: 1) }
        GradientCheck.check([x, w]) { conv2d($0[0], weight: $0[1], stride: 1, padding: 2, dilation: 2) }
    }

    func testTransposedConvolutionIsTheAdjoint() {
        // <conv(x), y> = <x, convT(y)> for the same weight: the defining property.
        let x = GradientCheck.input([2, 3, 8, 8], seed: 26), w = GradientCheck.input([5, 3, 4, 4], seed: 27)
        let conv = conv2d(Variable(x), weight: Variable(w), stride: 2, padding: 1).value
        let y = GradientCheck.input(conv.shape, seed: 28)
        let back = convTranspose2d(Variable(y), weight: Variable(w), stride: 2, padding: 1).value
        XCTAssertEqual(back.shape, x.shape)
        let left = (conv * y).sum, right = (x * back).sum
        XCTAssertEqual(left, right, accuracy: 1e-3 * max(1, abs(left)))
    }

    func testTransposedConvolutionShapesAndGradients() {
        // DCGAN's 4x4, stride 2, padding 1 doubles the size.
        let x = GradientCheck.input([2, 4, 3, 3], seed: 29), w = GradientCheck.input([4, 3, 4, 4], seed: 30)
        XCTAssertEqual(convTranspose2d(Variable(x), weight: Variable(w), stride: 2, padding: 1).shape, [2, 3, 6, 6])
        XCTAssertEqual(convTranspose2d(Variable(x), weight: Variable(w), stride: 2, padding: 1, outputPadding: 1).shape, [2, 3, 7, 7])
        let b = GradientCheck.input([3], seed: 31)
        GradientCheck.check([x, w, b]) { convTranspose2d($0[0], weight: $0[1], bias: $0[2], stride: 2, padding: 1) }
        GradientCheck.check([x, w]) { convTranspose2d($0[0], weight: $0[1], stride: 1, padding: 0) }
        GradientCheck.check([x, GradientCheck.input([4, 2, 3, 3], seed: 32)]) {
            convTranspose2d($0[0], weight: $0[1], stride: 2, padding: 1, outputPadding: 1, dilation: 1)
        }
    }

    func testLargeBatchesAreChunkedCorrectly() {
        // A budget of one image per chunk must give the same result as one chunk.
        let x = GradientCheck.input([3, 2, 5, 5], seed: 33), w = GradientCheck.input([2, 2, 3, 3], seed: 34)
        let g = ConvolutionGeometry(channels: 2, height: 5, width: 5, kernel: 3, padding: 1)
        XCTAssertEqual(ConvolutionKernels.chunkSize(g, batch: 3, budget: g.patchSize * g.positions), 1)
        let chunked = ConvolutionKernels.convolve(x, w, g, budget: g.patchSize * g.positions)
        let whole = conv2d(Variable(x), weight: Variable(w), padding: 1).value
        XCTAssertEqual(chunked, whole)
        for i in 0..<3 {
            let one = conv2d(Variable(x).slice(axis: 0, i..<(i + 1)), weight: Variable(w), padding: 1).value
            XCTAssertEqual(Array(whole.data[(i * one.count)..<((i + 1) * one.count)]), one.data)
        }
    }

    func testBackwardAndTransposedAreChunkedCorrectly() {
        // One image per sgemm (written straight into the output) against all images in one.
        let x = GradientCheck.input([3, 2, 5, 5], seed: 35), w = GradientCheck.input([4, 2, 3, 3], seed: 36)
        let g = ConvolutionGeometry(channels: 2, height: 5, width: 5, kernel: 3, stride: 2, padding: 1)
        let one = g.patchSize * g.positions, dy = GradientCheck.input([3, 4, 3, 3], seed: 37)
        let chunked = ConvolutionKernels.convolveBackward(dy, x, w, g, input: true, weights: true, budget: one)
        let whole = ConvolutionKernels.convolveBackward(dy, x, w, g, input: true, weights: true)
        XCTAssertEqual(chunked.input, whole.input)
        XCTAssertLessThan(chunked.weight!.maxAbsDifference(to: whole.weight!), 1e-5)
        // The transposed convolution of dy [3, 4, 3, 3] back to [3, 2, 5, 5] with weight [4, 2, 3, 3].
        XCTAssertEqual(ConvolutionKernels.transposedConvolve(dy, w, g, budget: one), ConvolutionKernels.transposedConvolve(dy, w, g))
        let tChunked = ConvolutionKernels.transposedConvolveBackward(x, dy, w, g, input: true, weights: true, budget: one)
        let tWhole = ConvolutionKernels.transposedConvolveBackward(x, dy, w, g, input: true, weights: true)
        XCTAssertEqual(tChunked.input, tWhole.input)
        XCTAssertLessThan(tChunked.weight!.maxAbsDifference(to: tWhole.weight!), 1e-5)
        XCTAssertGreaterThan(tWhole.weight!.maxAbs, 0)
    }
}
