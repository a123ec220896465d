import CSpeckJPEG

/// JPEG decoding through the setjmp-safe libjpeg wrapper in CSpeckJPEG.
enum JPEGCodec {
    static func header(_ bytes: UnsafeRawBufferPointer, path: String) throws -> ImageHeader {
        var probe = speck_jpeg_probe(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count)
        guard probe.ok != 0 else { throw ImageError(path: path, reason: reason(from: &probe)) }
        return ImageHeader(format: .jpeg, width: Int(probe.width), height: Int(probe.height), channels: Int(probe.channels))
    }

    /// Decodes grey, RGB and CMYK/YCCK (converted to RGB) JPEGs. A file cut short is refused:
    /// libjpeg only warns about it and fills the missing part with grey.
    static func decode(_ bytes: UnsafeRawBufferPointer, path: String, maxPixels: Int) throws -> Image {
        var decoded = speck_jpeg_decode(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, UInt64(max(maxPixels, 0)))
        defer { speck_jpeg_free(&decoded) }
        guard decoded.ok != 0, let pixels = decoded.pixels else { throw ImageError(path: path, reason: reason(from: &decoded)) }
        guard JPEGStructure.hasEndOfImage(bytes) else {
            throw ImageError(path: path, reason: "truncated JPEG (the file ends before the end-of-image marker)")
        }
        let channels = Int(decoded.channels)
        return PixelConversion.planar(fromBytes: pixels, width: Int(decoded.width), height: Int(decoded.height), fileChannels: channels)
    }

    private static func reason(from image: inout speck_jpeg_image) -> String {
        let message = withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        if message.contains("over the limit") { return message }
        if message.contains("Premature end") || message.contains("empty input") { return "truncated JPEG (\(message))" }
        return "corrupt JPEG (\(message))"
    }
}
