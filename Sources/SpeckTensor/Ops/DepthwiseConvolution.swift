extension Ops {
    /// Depthwise kxk convolution (one filter per channel) on a channels-last
    /// buffer, with bias and activation fused. `weights` is [k*k, C] (tap-major),
    /// so every tap is a contiguous run over the channels: the inner loop is
    /// SIMD over 16 channels with the accumulators kept in registers.
    public static func depthwiseConvolution(input: UnsafePointer<Float>, shape: FeatureShape, geometry g: WindowGeometry,
                                            weights: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                                            activation: Activation, output: UnsafeMutablePointer<Float>) {
        let channels = shape.channels
        for oy in 0..<g.outHeight {
            let iy0 = oy * g.stride - g.padTop
            let kyLo = max(0, -iy0), kyHi = min(g.kernel, shape.height - iy0)
            for ox in 0..<g.outWidth {
                let ix0 = ox * g.stride - g.padLeft
                let kxLo = max(0, -ix0), kxHi = min(g.kernel, shape.width - ix0)
                let dst = output + (oy * g.outWidth + ox) * channels
                var c = 0
                while c + 16 <= channels {
                    var acc = SIMD16<Float>(UnsafeRawPointer(bias + c).loadUnaligned(as: SIMD16<Float>.self))
                    for ky in kyLo..<kyHi {
                        let src = input + ((iy0 + ky) * shape.width + ix0) * channels + c
                        let w = weights + ky * g.kernel * channels + c
                        for kx in kxLo..<kxHi {
                            let x = UnsafeRawPointer(src + kx * channels).loadUnaligned(as: SIMD16<Float>.self)
                            let k = UnsafeRawPointer(w + kx * channels).loadUnaligned(as: SIMD16<Float>.self)
                            acc.addProduct(x, k)
                        }
                    }
                    acc = acc.activated(activation)
                    UnsafeMutableRawPointer(dst + c).storeBytes(of: acc, as: SIMD16<Float>.self)
                    c += 16
                }
                while c < channels {
                    var acc = bias[c]
                    for ky in kyLo..<kyHi {
                        for kx in kxLo..<kxHi {
                            acc += input[((iy0 + ky) * shape.width + ix0 + kx) * channels + c]
                                * weights[(ky * g.kernel + kx) * channels + c]
                        }
                    }
                    dst[c] = activate(acc, activation)
                    c += 1
                }
            }
        }
    }
}

extension SIMD16 where Scalar == Float {
    /// Fused multiply-add, `self += a * b` (one vfmadd per half on haswell).
    @inline(__always)
    mutating func addProduct(_ a: SIMD16<Float>, _ b: SIMD16<Float>) {
        self = self.addingProduct(a, b)
    }
}
