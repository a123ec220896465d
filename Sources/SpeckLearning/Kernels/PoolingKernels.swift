/// Max and average pooling over k x k windows of [N, C, H, W] buffers, with
/// stride and symmetric padding. Padding never wins a max; an average divides
/// by k² including padded cells (PyTorch's default, count_include_pad).
enum PoolingKernels {
    /// The window's input indices (inside the image) for each output, in row-major order.
    @inline(__always)
    static func forEachWindow(planes: Int, _ g: ConvolutionGeometry, _ body: (_ out: Int, _ inputs: [Int]) -> Void) {
        var window: [Int] = []
        window.reserveCapacity(g.kernel * g.kernel)
        for plane in 0..<planes {
            for oy in 0..<g.outHeight {
                for ox in 0..<g.outWidth {
                    window.removeAll(keepingCapacity: true)
                    for ky in 0..<g.kernel {
                        let iy = oy * g.stride - g.padding + ky * g.dilation
                        guard iy >= 0 && iy < g.height else { continue }
                        for kx in 0..<g.kernel {
                            let ix = ox * g.stride - g.padding + kx * g.dilation
                            if ix >= 0 && ix < g.width { window.append((plane * g.height + iy) * g.width + ix) }
                        }
                    }
                    body((plane * g.outHeight + oy) * g.outWidth + ox, window)
                }
            }
        }
    }

    /// The maximum of each window and the input index it came from (the first on ties).
    static func maximum(_ x: UnsafePointer<Float>, planes: Int, _ g: ConvolutionGeometry) -> (values: [Float], argmax: [Int]) {
        var values = [Float](repeating: 0, count: planes * g.positions)
        var argmax = [Int](repeating: 0, count: values.count)
        forEachWindow(planes: planes, g) { out, inputs in
            precondition(!inputs.isEmpty, "a max-pooling window lies wholly in the padding")
            var best = inputs[0]
            for i in inputs.dropFirst() where x[i] > x[best] { best = i }
            values[out] = x[best]
            argmax[out] = best
        }
        return (values, argmax)
    }

    static func average(_ x: UnsafePointer<Float>, planes: Int, _ g: ConvolutionGeometry) -> [Float] {
        var values = [Float](repeating: 0, count: planes * g.positions)
        let area = Float(g.kernel * g.kernel)
        forEachWindow(planes: planes, g) { out, inputs in
            var sum: Float = 0
            for i in inputs { sum += x[i] }
            values[out] = sum / area
        }
        return values
    }

    /// The adjoint of `average`: each output's gradient spread evenly over its window.
    static func averageBackward(_ dy: UnsafePointer<Float>, planes: Int, _ g: ConvolutionGeometry,
                                into dx: UnsafeMutablePointer<Float>) {
        let area = Float(g.kernel * g.kernel)
        forEachWindow(planes: planes, g) { out, inputs in
            for i in inputs { dx[i] += dy[out] / area }
        }
    }
}
