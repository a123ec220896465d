/// The epilogue of a convolution: `y = act(y + bias[c] (+ residual))` over a
/// channels-last buffer of `pixels` x `channels`.
extension Ops {
    public static func applyBiasActivation(_ values: UnsafeMutablePointer<Float>, pixels: Int, channels: Int,
                                           bias: UnsafePointer<Float>, activation: Activation,
                                           residual: UnsafePointer<Float>? = nil) {
        for p in 0..<pixels {
            let row = values + p * channels
            let skip = residual.map { $0 + p * channels }
            var c = 0
            while c + 8 <= channels {
                var v = SIMD8<Float>(UnsafeBufferPointer(start: row + c, count: 8))
                v += SIMD8<Float>(UnsafeBufferPointer(start: bias + c, count: 8))
                if let skip { v += SIMD8<Float>(UnsafeBufferPointer(start: skip + c, count: 8)) }
                v = activate(v, activation)
                UnsafeMutableRawPointer(row + c).storeBytes(of: v, as: SIMD8<Float>.self)
                c += 8
            }
            while c < channels {
                var v = row[c] + bias[c]
                if let skip { v += skip[c] }
                row[c] = activate(v, activation)
                c += 1
            }
        }
    }

    @inline(__always)
    static func activate(_ v: SIMD8<Float>, _ activation: Activation) -> SIMD8<Float> {
        switch activation {
        case .none: return v
        case .relu: return v.replacing(with: 0, where: v .< 0)
        case .relu6: return pointwiseMin(pointwiseMax(v, SIMD8(repeating: 0)), SIMD8(repeating: 6))
        }
    }

    @inline(__always)
    static func activate(_ v: Float, _ activation: Activation) -> Float {
        switch activation {
        case .none: return v
        case .relu: return max(v, 0)
        case .relu6: return min(max(v, 0), 6)
        }
    }
}
