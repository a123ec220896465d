/// Element types a checkpoint may store, all converted to Float32 on load.
enum StorageType: Sendable, Equatable {
    case float32, float16, bfloat16, float64, int64, int32, int16, int8, uint8, bool

    var byteSize: Int {
        switch self {
        case .float64, .int64: return 8
        case .float32, .int32: return 4
        case .float16, .bfloat16, .int16: return 2
        case .int8, .uint8, .bool: return 1
        }
    }

    /// From a pickled storage class name such as `torch.HalfStorage`.
    init?(torchStorageClass name: String) {
        switch name {
        case "torch.FloatStorage": self = .float32
        case "torch.HalfStorage": self = .float16
        case "torch.BFloat16Storage": self = .bfloat16
        case "torch.DoubleStorage": self = .float64
        case "torch.LongStorage": self = .int64
        case "torch.IntStorage": self = .int32
        case "torch.ShortStorage": self = .int16
        case "torch.CharStorage": self = .int8
        case "torch.ByteStorage": self = .uint8
        case "torch.BoolStorage": self = .bool
        default: return nil
        }
    }

    /// From a safetensors dtype string such as `F16`.
    init?(safetensorsName name: String) {
        switch name {
        case "F32": self = .float32
        case "F16": self = .float16
        case "BF16": self = .bfloat16
        case "F64": self = .float64
        case "I64": self = .int64
        case "I32": self = .int32
        case "I16": self = .int16
        case "I8": self = .int8
        case "U8": self = .uint8
        case "BOOL": self = .bool
        default: return nil
        }
    }

    /// Reads element `index` of little-endian storage at `base` as Float32.
    @inline(__always)
    func load(_ base: UnsafeRawPointer, _ index: Int) -> Float {
        switch self {
        case .float32: return Float(bitPattern: base.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self).littleEndian)
        case .float16: return StorageType.halfToFloat(base.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self).littleEndian)
        case .bfloat16:
            return Float(bitPattern: UInt32(base.loadUnaligned(fromByteOffset: index * 2, as: UInt16.self).littleEndian) << 16)
        case .float64: return Float(Double(bitPattern: base.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self).littleEndian))
        case .int64: return Float(Int64(littleEndian: base.loadUnaligned(fromByteOffset: index * 8, as: Int64.self)))
        case .int32: return Float(Int32(littleEndian: base.loadUnaligned(fromByteOffset: index * 4, as: Int32.self)))
        case .int16: return Float(Int16(littleEndian: base.loadUnaligned(fromByteOffset: index * 2, as: Int16.self)))
        case .int8: return Float(base.load(fromByteOffset: index, as: Int8.self))
        case .uint8, .bool: return Float(base.load(fromByteOffset: index, as: UInt8.self))
        }
    }

    /// IEEE half to single, exact, including subnormals, infinities and NaN.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = Int(h >> 10) & 0x1f
        let mantissa = UInt32(h & 0x3ff)
        if exponent == 0x1f { return Float(bitPattern: sign | 0x7f80_0000 | (mantissa << 13)) }
        if exponent == 0 {
            // zero or subnormal: mantissa * 2^-24, exact in Float32
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -magnitude : magnitude
        }
        return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
    }
}
