/// Depthwise convolution on [N, C, H, W] buffers: channel c is convolved with
/// its own k x k filter only (weight [C, 1, k, k]). A direct loop: each output
/// needs k² multiply-adds, too few for an sgemm to pay for its column matrix.
enum DepthwiseKernels {
    /// For output row or column `o`, the kernel taps whose input index is inside the image.
    @inline(__always)
    static func validTaps(_ o: Int, stride: Int, padding: Int, dilation: Int, kernel: Int, size: Int) -> Range<Int> {
        let origin = o * stride - padding
        var first = 0, last = kernel
        while first < kernel && origin + first * dilation < 0 { first += 1 }
        while last > first && origin + (last - 1) * dilation >= size { last -= 1 }
        return first..<last
    }

    /// Calls `body(plane, outputOffset, inputOffset, weightOffset)` for every
    /// (output pixel, kernel tap) pair that reads inside the image, plane = n·C + c.
    @inline(__always)
    static func forEachTap(planes: Int, _ g: ConvolutionGeometry, _ body: (Int, Int, Int, Int) -> Void) {
        let outH = g.outHeight, outW = g.outWidth, k = g.kernel
        for plane in 0..<planes {
            let c = plane % g.channels
            for oy in 0..<outH {
                let rows = validTaps(oy, stride: g.stride, padding: g.padding, dilation: g.dilation, kernel: k, size: g.height)
                for ox in 0..<outW {
                    let columns = validTaps(ox, stride: g.stride, padding: g.padding, dilation: g.dilation, kernel: k, size: g.width)
                    let out = (plane * outH + oy) * outW + ox
                    for ky in rows {
                        let iy = oy * g.stride - g.padding + ky * g.dilation
                        for kx in columns {
                            let ix = ox * g.stride - g.padding + kx * g.dilation
                            body(plane, out, (plane * g.height + iy) * g.width + ix, (c * k + ky) * k + kx)
                        }
                    }
                }
            }
        }
    }

    static func convolve(_ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, planes: Int, _ g: ConvolutionGeometry,
                         into y: UnsafeMutablePointer<Float>) {
        y.update(repeating: 0, count: planes * g.positions)
        forEachTap(planes: planes, g) { _, o, i, k in y[o] += w[k] * x[i] }
    }

    /// dx += Σ dy·w over the taps that read each input; dw += Σ dy·x.
    static func backward(_ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>, planes: Int,
                         _ g: ConvolutionGeometry, dx: UnsafeMutablePointer<Float>?, dw: UnsafeMutablePointer<Float>?) {
        if let dx { forEachTap(planes: planes, g) { _, o, i, k in dx[i] += dy[o] * w[k] } }
        if let dw { forEachTap(planes: planes, g) { _, o, i, k in dw[k] += dy[o] * x[i] } }
    }
}
