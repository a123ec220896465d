/// Small SIMD kernels for the distance code. Written with explicit SIMD16
/// accumulators because the optimiser will not reorder float reductions.
public enum VectorMath {
    @inlinable
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var acc0 = SIMD16<Float>(), acc1 = SIMD16<Float>()
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while i + 32 <= count {
            acc0 += ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            acc1 += ra.loadUnaligned(fromByteOffset: (i + 16) * 4, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: (i + 16) * 4, as: SIMD16<Float>.self)
            i += 32
        }
        var sum = (acc0 + acc1).sum()
        while i < count { sum += a[i] * b[i]; i += 1 }
        return sum
    }

    /// Squared Euclidean distance, summed directly (no norm expansion) so that
    /// tiny distances stay exact.
    @inlinable
    public static func squaredDistance(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, count: Int) -> Float {
        var acc0 = SIMD16<Float>(), acc1 = SIMD16<Float>()
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while i + 32 <= count {
            let d0 = ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
                - rb.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            let d1 = ra.loadUnaligned(fromByteOffset: (i + 16) * 4, as: SIMD16<Float>.self)
                - rb.loadUnaligned(fromByteOffset: (i + 16) * 4, as: SIMD16<Float>.self)
            acc0 += d0 * d0
            acc1 += d1 * d1
            i += 32
        }
        var sum = (acc0 + acc1).sum()
        while i < count { let d = a[i] - b[i]; sum += d * d; i += 1 }
        return sum
    }

    /// Smallest value of `count` floats (+infinity when empty). Compare-and-blend
    /// instead of `min`, whose NaN handling is scalar per lane.
    @inlinable
    public static func minimum(_ a: UnsafePointer<Float>, count: Int) -> Float {
        var acc0 = SIMD16<Float>(repeating: .infinity), acc1 = acc0
        var i = 0
        let ra = UnsafeRawPointer(a)
        while i + 32 <= count {
            let v0 = ra.loadUnaligned(fromByteOffset: i * 4, as: SIMD16<Float>.self)
            let v1 = ra.loadUnaligned(fromByteOffset: (i + 16) * 4, as: SIMD16<Float>.self)
            acc0.replace(with: v0, where: v0 .< acc0)
            acc1.replace(with: v1, where: v1 .< acc1)
            i += 32
        }
        acc0.replace(with: acc1, where: acc1 .< acc0)
        var best = acc0.min()
        while i < count { if a[i] < best { best = a[i] }; i += 1 }
        return best
    }
}
