extension Ops {
    /// Dense kxk convolution on a channels-last buffer, by im2col + sgemm.
    /// `weights` is [k*k*inC, outC] with rows ordered (ky, kx, ci); `columns` is
    /// scratch of at least `im2colElements(...)` floats.
    public static func convolution(input: UnsafePointer<Float>, shape: FeatureShape, geometry g: WindowGeometry,
                                   weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, outChannels: Int,
                                   activation: Activation, residual: UnsafePointer<Float>? = nil,
                                   columns: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let outPixels = g.outHeight * g.outWidth
        if g.kernel == 1 && g.stride == 1 {
            pointwiseConvolution(input: input, pixels: outPixels, inChannels: shape.channels, weights: weights,
                                 bias: bias, outChannels: outChannels, activation: activation,
                                 residual: residual, output: output)
            return
        }
        im2col(input: input, shape: shape, geometry: g, columns: columns)
        pointwiseConvolution(input: columns, pixels: outPixels, inChannels: g.kernel * g.kernel * shape.channels,
                             weights: weights, bias: bias, outChannels: outChannels, activation: activation,
                             residual: residual, output: output)
    }

    /// Floats of scratch `convolution` needs for this geometry.
    public static func im2colElements(shape: FeatureShape, geometry g: WindowGeometry) -> Int {
        g.kernel == 1 && g.stride == 1 ? 0 : g.outHeight * g.outWidth * g.kernel * g.kernel * shape.channels
    }

    /// One row per output pixel holding its k*k input pixels' channels (zeros outside).
    static func im2col(input: UnsafePointer<Float>, shape: FeatureShape, geometry g: WindowGeometry,
                       columns: UnsafeMutablePointer<Float>) {
        let c = shape.channels
        let rowLength = g.kernel * g.kernel * c
        for oy in 0..<g.outHeight {
            for ox in 0..<g.outWidth {
                var dst = columns + (oy * g.outWidth + ox) * rowLength
                for ky in 0..<g.kernel {
                    let iy = oy * g.stride - g.padTop + ky
                    for kx in 0..<g.kernel {
                        let ix = ox * g.stride - g.padLeft + kx
                        if iy >= 0 && iy < shape.height && ix >= 0 && ix < shape.width {
                            dst.update(from: input + (iy * shape.width + ix) * c, count: c)
                        } else {
                            dst.update(repeating: 0, count: c)
                        }
                        dst += c
                    }
                }
            }
        }
    }
}
