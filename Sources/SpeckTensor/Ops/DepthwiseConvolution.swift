extension Ops {
    /// Depthwise kxk convolution (one filter per channel) on a channels-last
    /// buffer, with bias and activation fused. `weights` is [k*k, C] (tap-major),
    /// so every tap is a contiguous run over the channels: the inner loop is
    /// SIMD over 16 channels with the accumulators kept in registers. Where four
    /// neighbouring outputs need no padding, they are computed together so each
    /// weight vector is loaded once for four FMAs.
    public static func depthwiseConvolution(input: UnsafePointer<Float>, shape: FeatureShape, geometry g: WindowGeometry,
                                            weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                                            activation: Activation, output: UnsafeMutablePointer<Float>) {
        for oy in 0..<g.outHeight {
            var ox = 0
            while ox < g.outWidth {
                let ix0 = ox * g.stride - g.padLeft
                if ox + 4 <= g.outWidth && ix0 >= 0 && ix0 + 3 * g.stride + g.kernel <= shape.width {
                    depthwiseFour(input: input, shape: shape, geometry: g, weights: weights, bias: bias,
                                  activation: activation, output: output, oy: oy, ox: ox)
                    ox += 4
                } else {
                    depthwiseOne(input: input, shape: shape, geometry: g, weights: weights, bias: bias,
                                 activation: activation, output: output, oy: oy, ox: ox)
                    ox += 1
                }
            }
        }
    }

    /// Outputs (oy, ox ..< ox+4), whose windows lie inside the input horizontally.
    @inline(__always)
    private static func depthwiseFour(input: UnsafePointer<Float>, shape: FeatureShape, geometry g: WindowGeometry,
                                      weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, activation: Activation,
                                      output: UnsafeMutablePointer<Float>, oy: Int, ox: Int) {
        let channels = shape.channels
        let iy0 = oy * g.stride - g.padTop, ix0 = ox * g.stride - g.padLeft
        let kyLo = max(0, -iy0), kyHi = min(g.kernel, shape.height - iy0)
        let step = g.stride * channels
        let dst = UnsafeMutableRawPointer(output + (oy * g.outWidth + ox) * channels)
        var c = 0
        while c + 16 <= channels {
            let start = SIMD16<Float>.load(bias + c)
            var (a0, a1, a2, a3) = (start, start, start, start)
            for ky in kyLo..<kyHi {
                let src = input + ((iy0 + ky) * shape.width + ix0) * channels + c
                let w = weights + ky * g.kernel * channels + c
                for kx in 0..<g.kernel {
                    let k = SIMD16<Float>.load(w + kx * channels)
                    let x = src + kx * channels
                    a0 = a0.addingProduct(SIMD16<Float>.load(x), k)
                    a1 = a1.addingProduct(SIMD16<Float>.load(x + step), k)
                    a2 = a2.addingProduct(SIMD16<Float>.load(x + 2 * step), k)
                    a3 = a3.addingProduct(SIMD16<Float>.load(x + 3 * step), k)
                }
            }
            dst.storeBytes(of: a0.activated(activation), toByteOffset: c * 4, as: SIMD16<Float>.self)
            dst.storeBytes(of: a1.activated(activation), toByteOffset: (channels + c) * 4, as: SIMD16<Float>.self)
            dst.storeBytes(of: a2.activated(activation), toByteOffset: (2 * channels + c) * 4, as: SIMD16<Float>.self)
            dst.storeBytes(of: a3.activated(activation), toByteOffset: (3 * channels + c) * 4, as: SIMD16<Float>.self)
            c += 16
        }
        if c < channels {
            for i in 0..<4 {
                depthwiseScalar(input: input, shape: shape, geometry: g, weights: weights, bias: bias,
                                activation: activation, output: output, oy: oy, ox: ox + i, from: c)
            }
        }
    }

    /// Output (oy, ox), clipping the window at the borders.
    @inline(__always)
    private static func depthwiseOne(input: UnsafePointer<Float>, shape: FeatureShape, geometry g: WindowGeometry,
                                     weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, activation: Activation,
                                     output: UnsafeMutablePointer<Float>, oy: Int, ox: Int) {
        let channels = shape.channels
        let iy0 = oy * g.stride - g.padTop, ix0 = ox * g.stride - g.padLeft
        let kyLo = max(0, -iy0), kyHi = min(g.kernel, shape.height - iy0)
        let kxLo = max(0, -ix0), kxHi = min(g.kernel, shape.width - ix0)
        let dst = UnsafeMutableRawPointer(output + (oy * g.outWidth + ox) * channels)
        var c = 0
        while c + 16 <= channels {
            var acc = SIMD16<Float>.load(bias + c)
            for ky in kyLo..<kyHi {
                let src = input + ((iy0 + ky) * shape.width + ix0) * channels + c
                let w = weights + ky * g.kernel * channels + c
                for kx in kxLo..<kxHi {
                    acc = acc.addingProduct(SIMD16<Float>.load(src + kx * channels), SIMD16<Float>.load(w + kx * channels))
                }
            }
            dst.storeBytes(of: acc.activated(activation), toByteOffset: c * 4, as: SIMD16<Float>.self)
            c += 16
        }
        if c < channels {
            depthwiseScalar(input: input, shape: shape, geometry: g, weights: weights, bias: bias,
                            activation: activation, output: output, oy: oy, ox: ox, from: c)
        }
    }

    /// Channels `from ..< C` of output (oy, ox), one at a time (channel counts not a multiple of 16).
    private static func depthwiseScalar(input: UnsafePointer<Float>, shape: FeatureShape, geometry g: WindowGeometry,
                                        weights: UnsafePointer<Float>, bias: UnsafePointer<Float>, activation: Activation,
                                        output: UnsafeMutablePointer<Float>, oy: Int, ox: Int, from: Int) {
        let channels = shape.channels
        let iy0 = oy * g.stride - g.padTop, ix0 = ox * g.stride - g.padLeft
        let kyLo = max(0, -iy0), kyHi = min(g.kernel, shape.height - iy0)
        let kxLo = max(0, -ix0), kxHi = min(g.kernel, shape.width - ix0)
        for c in from..<channels {
            var acc = bias[c]
            for ky in kyLo..<kyHi {
                for kx in kxLo..<kxHi {
                    acc += input[((iy0 + ky) * shape.width + ix0 + kx) * channels + c] * weights[(ky * g.kernel + kx) * channels + c]
                }
            }
            output[(oy * g.outWidth + ox) * channels + c] = activate(acc, activation)
        }
    }
}

extension SIMD16 where Scalar == Float {
    @inline(__always)
    static func load(_ pointer: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Float>.self)
    }
}
