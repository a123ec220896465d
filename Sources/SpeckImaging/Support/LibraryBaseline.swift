import CPNG
import CSpeckJPEG

/// The bare libraries decoding into their own 8-bit buffers, with none of Speck's work
/// (header checks, float conversion): the yardstick of `speck bench decode`.
public enum LibraryBaseline {
    /// libpng's simplified reader into an interleaved 8-bit buffer. Returns the pixel count.
    @discardableResult
    public static func decodePNG(_ bytes: UnsafeRawBufferPointer) -> Int {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_memory(&image, bytes.baseAddress, bytes.count) != 0 else { return 0 }
        image.format = image.format & ~UInt32(PNG_FORMAT_FLAG_COLORMAP)
        let channels = 1 + (image.format & UInt32(PNG_FORMAT_FLAG_COLOR) != 0 ? 2 : 0) + (image.format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0 ? 1 : 0)
        let bytesPerSample = image.format & UInt32(PNG_FORMAT_FLAG_LINEAR) != 0 ? 2 : 1
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Int(image.width * image.height) * channels * bytesPerSample, alignment: 16)
        defer { buffer.deallocate() }
        guard png_image_finish_read(&image, nil, buffer, 0, nil) != 0 else { return 0 }
        return Int(image.width * image.height)
    }

    /// libjpeg (through the setjmp wrapper, which adds only a malloc) into an 8-bit buffer.
    @discardableResult
    public static func decodeJPEG(_ bytes: UnsafeRawBufferPointer) -> Int {
        var decoded = speck_jpeg_decode(bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, UInt64(Int.max))
        defer { speck_jpeg_free(&decoded) }
        return decoded.ok != 0 ? Int(decoded.width * decoded.height) : 0
    }
}
