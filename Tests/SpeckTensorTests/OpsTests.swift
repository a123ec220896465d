import XCTest
@testable import SpeckTensor

/// The kernels against plain, obviously-correct loops on small random inputs.
final class OpsTests: XCTestCase {
    private var seed: UInt64 = 12345
    private func random(_ count: Int) -> [Float] {
        (0..<count).map { _ in
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Float(Int(seed >> 40) % 2001 - 1000) / 1000
        }
    }

    /// Direct convolution on channels-last data; `depthwise` uses weights [k*k, C].
    private func reference(input: [Float], shape: FeatureShape, g: WindowGeometry, weights: [Float], bias: [Float],
                           outChannels: Int, depthwise: Bool, activation: Activation) -> [Float] {
        var out = [Float](repeating: 0, count: g.outHeight * g.outWidth * outChannels)
        for oy in 0..<g.outHeight {
            for ox in 0..<g.outWidth {
                for o in 0..<outChannels {
                    var acc = bias[o]
                    for ky in 0..<g.kernel {
                        for kx in 0..<g.kernel {
                            let iy = oy * g.stride - g.padTop + ky, ix = ox * g.stride - g.padLeft + kx
                            guard iy >= 0, iy < shape.height, ix >= 0, ix < shape.width else { continue }
                            if depthwise {
                                acc += input[(iy * shape.width + ix) * shape.channels + o] * weights[(ky * g.kernel + kx) * outChannels + o]
                            } else {
                                for c in 0..<shape.channels {
                                    acc += input[(iy * shape.width + ix) * shape.channels + c]
                                        * weights[((ky * g.kernel + kx) * shape.channels + c) * outChannels + o]
                                }
                            }
                        }
                    }
                    switch activation {
                    case .none: break
                    case .relu: acc = max(acc, 0)
                    case .relu6: acc = min(max(acc, 0), 6)
                    }
                    out[(oy * g.outWidth + ox) * outChannels + o] = acc
                }
            }
        }
        return out
    }

    private func assertClose(_ a: [Float], _ b: [Float], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
        XCTAssertLessThan(worst, 1e-4, file: file, line: line)
    }

    func testTFSamePaddingPutsTheExtraPixelBottomRight() {
        let g = Padding.tfSame.geometry(kernel: 3, stride: 2, height: 224, width: 225)
        XCTAssertEqual([g.outHeight, g.outWidth, g.padTop, g.padLeft], [112, 113, 0, 1])
        let five = Padding.tfSame.geometry(kernel: 5, stride: 2, height: 56, width: 14)
        XCTAssertEqual([five.outHeight, five.outWidth, five.padTop, five.padLeft], [28, 7, 1, 1])
        let torch = Padding.symmetric(3).geometry(kernel: 7, stride: 2, height: 224, width: 33)
        XCTAssertEqual([torch.outHeight, torch.outWidth], [112, 17])
    }

    func testDepthwiseMatchesDirectLoop() {
        for (channels, kernel, stride) in [(40, 5, 2), (19, 3, 1), (48, 3, 2)] {
            let shape = FeatureShape(height: 9, width: 11, channels: channels)
            let g = Padding.tfSame.geometry(kernel: kernel, stride: stride, height: 9, width: 11)
            let input = random(shape.elements), weights = random(kernel * kernel * channels), bias = random(channels)
            var out = [Float](repeating: .nan, count: g.outHeight * g.outWidth * channels)
            Ops.depthwiseConvolution(input: input, shape: shape, geometry: g, weights: weights, bias: bias, activation: .relu6, output: &out)
            assertClose(out, reference(input: input, shape: shape, g: g, weights: weights, bias: bias,
                                       outChannels: channels, depthwise: true, activation: .relu6))
        }
    }

    func testConvolutionMatchesDirectLoop() {
        for (kernel, stride, pad) in [(3, 2, 1), (7, 2, 3), (1, 2, 0), (1, 1, 0)] {
            let shape = FeatureShape(height: 10, width: 7, channels: 5)
            let g = Padding.symmetric(pad).geometry(kernel: kernel, stride: stride, height: 10, width: 7)
            let outChannels = 6
            let input = random(shape.elements), weights = random(kernel * kernel * 5 * outChannels), bias = random(outChannels)
            var columns = [Float](repeating: 0, count: max(1, Ops.im2colElements(shape: shape, geometry: g)))
            var out = [Float](repeating: .nan, count: g.outHeight * g.outWidth * outChannels)
            Ops.convolution(input: input, shape: shape, geometry: g, weights: weights, bias: bias, outChannels: outChannels,
                            activation: .relu, columns: &columns, output: &out)
            assertClose(out, reference(input: input, shape: shape, g: g, weights: weights, bias: bias,
                                       outChannels: outChannels, depthwise: false, activation: .relu))
        }
    }

    func testResidualIsAddedBeforeTheActivation() {
        var values: [Float] = [1, -2, 3, 4]
        let bias: [Float] = [0.5, 0.5]
        let residual: [Float] = [-2, 1, 4, -10]
        Ops.applyBiasActivation(&values, pixels: 2, channels: 2, bias: bias, activation: .relu6, residual: residual)
        XCTAssertEqual(values, [0, 0, 6, 0])
    }

    func testMaxPoolIgnoresPadding() {
        let input: [Float] = [-1, -2, -3, -4]   // 2x2, one channel, all negative
        let g = Padding.symmetric(1).geometry(kernel: 3, stride: 2, height: 2, width: 2)
        var out = [Float](repeating: 0, count: g.outHeight * g.outWidth)
        Ops.maxPool(input: input, shape: FeatureShape(height: 2, width: 2, channels: 1), geometry: g, output: &out)
        XCTAssertEqual(out, [-1])
    }

    func testLayoutRoundTrip() {
        let shape = FeatureShape(height: 3, width: 4, channels: 5)
        let chw = random(shape.elements)
        var hwc = [Float](repeating: 0, count: chw.count), back = hwc
        Ops.chwToHWC(chw, shape: shape, output: &hwc)
        XCTAssertEqual(hwc[(1 * 4 + 2) * 5 + 3], chw[3 * 12 + 1 * 4 + 2])
        Ops.hwcToCHW(hwc, shape: shape, output: &back)
        XCTAssertEqual(back, chw)
    }

    func testLinearAndAveragePool() {
        var pooled = [Float](repeating: 0, count: 2)
        Ops.globalAveragePool(input: [1, 10, 3, 20], shape: FeatureShape(height: 1, width: 2, channels: 2), output: &pooled)
        XCTAssertEqual(pooled, [2, 15])
        var y = [Float](repeating: 0, count: 3)
        Ops.linear(input: pooled, inFeatures: 2, weights: [1, 0, 0, 1, 1, 1], bias: [0.5, 0, -1], outFeatures: 3, output: &y)
        XCTAssertEqual(y, [2.5, 15, 16])
    }
}
