/// The epilogue of a convolution: `y = act(y + bias[c] (+ residual))` over a
/// channels-last buffer of `pixels` x `channels`.
extension Ops {
    public static func applyBiasActivation(_ values: UnsafeMutablePointer<Float>, pixels: Int, channels: Int,
                                           bias: UnsafePointer<Float>, activation: Activation,
                                           residual: UnsafePointer<Float>? = nil) {
        // One specialised loop per case keeps the inner loop branch-free.
        switch (activation, residual) {
        case (.none, nil): biasLoop(values, pixels, channels, bias, nil) { $0 }
        case (.none, let skip?): biasLoop(values, pixels, channels, bias, skip) { $0 }
        case (.relu, nil): biasLoop(values, pixels, channels, bias, nil) { $0.relu() }
        case (.relu, let skip?): biasLoop(values, pixels, channels, bias, skip) { $0.relu() }
        case (.relu6, nil): biasLoop(values, pixels, channels, bias, nil) { $0.relu6() }
        case (.relu6, let skip?): biasLoop(values, pixels, channels, bias, skip) { $0.relu6() }
        }
    }

    @inline(__always)
    private static func biasLoop(_ values: UnsafeMutablePointer<Float>, _ pixels: Int, _ channels: Int,
                                 _ bias: UnsafePointer<Float>, _ residual: UnsafePointer<Float>?,
                                 _ activate: (SIMD8<Float>) -> SIMD8<Float>) {
        let vectorEnd = channels & ~7
        for p in 0..<pixels {
            let row = UnsafeMutableRawPointer(values + p * channels)
            let skip = residual.map { UnsafeRawPointer($0 + p * channels) }
            var c = 0
            while c < vectorEnd {
                var v = row.loadUnaligned(fromByteOffset: c * 4, as: SIMD8<Float>.self)
                v += UnsafeRawPointer(bias).loadUnaligned(fromByteOffset: c * 4, as: SIMD8<Float>.self)
                if let skip { v += skip.loadUnaligned(fromByteOffset: c * 4, as: SIMD8<Float>.self) }
                row.storeBytes(of: activate(v), toByteOffset: c * 4, as: SIMD8<Float>.self)
                c += 8
            }
            while c < channels {
                var v = SIMD8<Float>(repeating: 0)
                v[0] = values[p * channels + c] + bias[c] + (residual?[p * channels + c] ?? 0)
                values[p * channels + c] = activate(v)[0]
                c += 1
            }
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

// Compare-and-blend on concrete vector types: the standard library's
// pointwiseMin/Max on float SIMD handle NaN element by element (about 15x
// slower), and generic SIMD extensions are not specialised reliably.
extension SIMD8 where Scalar == Float {
    @inline(__always)
    func relu() -> SIMD8<Float> { replacing(with: 0, where: self .< 0) }

    @inline(__always)
    func relu6() -> SIMD8<Float> { replacing(with: 0, where: self .< 0).replacing(with: 6, where: self .> 6) }
}

extension SIMD16 where Scalar == Float {
    @inline(__always)
    func activated(_ activation: Activation) -> SIMD16<Float> {
        switch activation {
        case .none: return self
        case .relu: return replacing(with: 0, where: self .< 0)
        case .relu6: return replacing(with: 0, where: self .< 0).replacing(with: 6, where: self .> 6)
        }
    }
}
