import CSpeckJPEGEncoder

/// JPEG encoding through libjpeg (used for benchmarks, tests and exports).
enum JPEGEncoding {
    enum StoredColour {
        /// 1 channel.
        case grey
        /// 3 channels, stored as YCbCr (the usual JFIF file).
        case ycbcr
        /// 3 channels stored as RGB (Adobe "no transform"): lossless for flat 8x8 blocks at quality 100.
        case rgb
        /// 4 channels stored as Adobe CMYK.
        case cmyk

        var channels: Int { self == .grey ? 1 : self == .cmyk ? 4 : 3 }
    }

    /// `samples`: interleaved 8-bit, `colour.channels` per pixel. Quality 1...100; no chroma subsampling.
    static func encode(samples: [UInt8], width: Int, height: Int, colour: StoredColour, quality: Int) throws -> [UInt8] {
        precondition(samples.count == width * height * colour.channels, "sample count does not match the size")
        var encoded = samples.withUnsafeBufferPointer {
            speck_jpeg_encode($0.baseAddress, Int32(width), Int32(height), Int32(colour.channels),
                              Int32(quality), colour == .rgb ? 1 : 0)
        }
        defer { speck_jpeg_free_encoded(&encoded) }
        guard encoded.ok != 0, let bytes = encoded.bytes else {
            let message = withUnsafeBytes(of: &encoded.message) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            throw ImageError(path: "<memory>", reason: "JPEG encoding failed (\(message))")
        }
        return Array(UnsafeBufferPointer(start: bytes, count: encoded.size))
    }

    /// Encodes a grey or RGB image (values clamped to [0, 1]) as a JFIF file.
    static func encode(_ image: Image, quality: Int) throws -> [UInt8] {
        guard image.channels == 1 || image.channels == 3 else {
            throw ImageError(path: "<memory>", reason: "cannot encode a \(image.channels)-channel image as JPEG")
        }
        return try encode(samples: PixelConversion.interleavedBytes(image), width: image.width, height: image.height,
                          colour: image.channels == 1 ? .grey : .ycbcr, quality: quality)
    }
}
