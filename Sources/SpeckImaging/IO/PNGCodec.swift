import CPNG

/// PNG decoding and encoding through libpng's simplified API, which catches
/// libpng's errors itself (its low-level API would longjmp through Swift frames).
enum PNGCodec {
    static func header(_ bytes: UnsafeRawBufferPointer, path: String) throws -> ImageHeader {
        let structure = try PNGStructure(bytes: bytes, path: path)
        return ImageHeader(format: .png, width: structure.width, height: structure.height, channels: structure.decodedChannels)
    }

    /// Decodes 8- or 16-bit grey, grey+alpha, RGB, RGBA or palette PNGs. Samples are used as
    /// stored (gamma/ICC chunks are ignored, as PIL and torchvision do). Alpha is composited
    /// over black. 16-bit samples keep their full precision.
    static func decode(_ bytes: UnsafeRawBufferPointer, path: String, maxPixels: Int) throws -> Image {
        let header = try header(bytes, path: path)
        if header.pixelCount > maxPixels {
            throw ImageError(path: path, reason: "image is \(header.width)x\(header.height) (\(header.pixelCount) pixels), over the limit of \(maxPixels) pixels")
        }
        let colourChunks = PNGStructure.colourManagementRanges(bytes)
        if colourChunks.isEmpty { return try decodeSamples(bytes, path: path) }
        var stripped = [UInt8]()
        stripped.reserveCapacity(bytes.count)
        var start = 0
        for range in colourChunks {
            stripped.append(contentsOf: bytes[start..<range.lowerBound])
            start = range.upperBound
        }
        stripped.append(contentsOf: bytes[start...])
        return try stripped.withUnsafeBytes { buffer in try decodeSamples(buffer, path: path) }
    }

    private static func decodeSamples(_ bytes: UnsafeRawBufferPointer, path: String) throws -> Image {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_memory(&image, bytes.baseAddress, bytes.count) != 0 else {
            let reason = message(of: &image)
            png_image_free(&image)
            throw ImageError(path: path, reason: "corrupt PNG (\(reason))")
        }
        // Palette images are expanded; 16-bit files are read as 16-bit ("linear" in libpng's
        // terms, which with the colour chunks removed means: no value conversion at all).
        image.format = image.format & ~UInt32(PNG_FORMAT_FLAG_COLORMAP)
        let sixteenBit = image.format & UInt32(PNG_FORMAT_FLAG_LINEAR) != 0
        let fileChannels = 1 + (image.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0 ? 2 : 0)
            + (image.format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0 ? 1 : 0)
        let width = Int(image.width), height = Int(image.height)
        let sampleCount = width * height * fileChannels

        func finish(_ buffer: UnsafeMutableRawPointer) throws {
            if png_image_finish_read(&image, nil, buffer, 0, nil) == 0 {
                let reason = message(of: &image)
                png_image_free(&image)
                throw ImageError(path: path, reason: reason.contains("beyond end") || reason.contains("end of data")
                                 ? "truncated PNG (\(reason))" : "corrupt PNG (\(reason))")
            }
        }
        if sixteenBit {
            let samples = UnsafeMutablePointer<UInt16>.allocate(capacity: sampleCount)
            defer { samples.deallocate() }
            try finish(samples)
            return PixelConversion.planar(fromWords: samples, width: width, height: height, fileChannels: fileChannels)
        } else {
            let samples = UnsafeMutablePointer<UInt8>.allocate(capacity: sampleCount)
            defer { samples.deallocate() }
            try finish(samples)
            return PixelConversion.planar(fromBytes: samples, width: width, height: height, fileChannels: fileChannels)
        }
    }

    /// Encodes an 8-bit grey (1 channel) or RGB (3 channels) PNG; values are clamped to
    /// [0, 1] and rounded to the nearest of 256 levels.
    static func encode(_ source: Image, path: String) throws -> [UInt8] {
        guard source.channels == 1 || source.channels == 3 else {
            throw ImageError(path: path, reason: "cannot write a \(source.channels)-channel image as PNG (1 or 3 channels)")
        }
        let interleaved = PixelConversion.interleavedBytes(source)
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(source.width)
        image.height = UInt32(source.height)
        image.format = source.channels == 3 ? UInt32(PNG_FORMAT_RGB) : UInt32(PNG_FORMAT_GRAY)
        let stride = Int32(source.width * source.channels)
        // Even incompressible rows grow by well under 1% (filter bytes, deflate blocks, IDAT chunk headers):
        // a buffer of that size takes the file in one pass (asking libpng for the size first compresses twice).
        var size = png_alloc_size_t(interleaved.count + source.height + interleaved.count / 100 + 4096)
        return try interleaved.withUnsafeBytes { pixels -> [UInt8] in
            var encoded = [UInt8](repeating: 0, count: Int(size))
            let once = encoded.withUnsafeMutableBytes { out in
                png_image_write_to_memory(&image, out.baseAddress, &size, 0, pixels.baseAddress, stride, nil)
            }
            if once != 0 {
                encoded.removeLast(encoded.count - Int(size))
                return encoded
            }
            // Not expected; libpng has set `size` to what it needs.
            image.warning_or_error = 0
            guard png_image_write_to_memory(&image, nil, &size, 0, pixels.baseAddress, stride, nil) != 0 else {
                throw ImageError(path: path, reason: "PNG encoding failed (\(message(of: &image)))")
            }
            encoded = [UInt8](repeating: 0, count: Int(size))
            let ok = encoded.withUnsafeMutableBytes { out in
                png_image_write_to_memory(&image, out.baseAddress, &size, 0, pixels.baseAddress, stride, nil)
            }
            guard ok != 0 else { throw ImageError(path: path, reason: "PNG encoding failed (\(message(of: &image)))") }
            encoded.removeLast(encoded.count - Int(size))
            return encoded
        }
    }

    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }
}
