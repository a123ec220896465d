/// Reading and writing image files.
///
/// Decoding sniffs the content (never the extension) and returns planar Float32 in [0, 1]:
/// 1 channel for grey files, 3 for colour. Alpha is composited over black (each colour
/// sample is multiplied by alpha), so transparent areas read as black. Gamma and ICC
/// chunks are ignored: samples are used as stored, like PIL and torchvision do.
public enum ImageIO {
    /// 100 megapixels: larger images are refused before any pixel buffer is allocated.
    public static let defaultMaxPixels = 100_000_000

    /// Decodes a PNG (8/16-bit grey, grey+alpha, RGB, RGBA, palette) or JPEG (grey, RGB,
    /// CMYK→RGB). Throws `ImageError` naming the file and the reason.
    public static func decode(contentsOf path: String, maxPixels: Int = defaultMaxPixels) throws -> Image {
        let bytes = try FileAccess.readAll(path)
        return try bytes.withUnsafeBytes { buffer in try decode(buffer, path: path, maxPixels: maxPixels) }
    }

    /// Decodes an encoded image held in memory; `path` only names it in errors.
    public static func decode(_ bytes: UnsafeRawBufferPointer, path: String, maxPixels: Int = defaultMaxPixels) throws -> Image {
        switch try format(of: bytes, path: path) {
        case .png: return try PNGCodec.decode(bytes, path: path, maxPixels: maxPixels)
        case .jpeg: return try JPEGCodec.decode(bytes, path: path, maxPixels: maxPixels)
        }
    }

    /// Reads only the header: format, size and decoded channel count.
    public static func header(contentsOf path: String) throws -> ImageHeader {
        let bytes = try FileAccess.readAll(path)
        return try bytes.withUnsafeBytes { buffer in
            switch try format(of: buffer, path: path) {
            case .png: return try PNGCodec.header(buffer, path: path)
            case .jpeg: return try JPEGCodec.header(buffer, path: path)
            }
        }
    }

    /// Writes an 8-bit grey (1 channel) or RGB (3 channels) PNG atomically (temporary
    /// file + rename). Values are clamped to [0, 1].
    public static func writePNG(_ image: Image, to path: String) throws {
        let encoded = try PNGCodec.encode(image, path: path)
        try encoded.withUnsafeBytes { buffer in try FileAccess.writeAtomically(buffer, to: path) }
    }

    /// Encodes an 8-bit grey or RGB PNG in memory.
    public static func encodePNG(_ image: Image) throws -> [UInt8] {
        try PNGCodec.encode(image, path: "<memory>")
    }

    private static func format(of bytes: UnsafeRawBufferPointer, path: String) throws -> ImageFormat {
        if bytes.isEmpty { throw ImageError(path: path, reason: "empty file (0 bytes)") }
        guard let format = ImageFormat.sniff(bytes) else {
            throw ImageError(path: path, reason: ImageFormat.describeUnknown(bytes))
        }
        return format
    }
}

extension ImageIO {
    /// Encodes a grey or RGB image as a baseline JPEG (no chroma subsampling).
    public static func encodeJPEG(_ image: Image, quality: Int = 90) throws -> [UInt8] {
        try JPEGEncoding.encode(image, quality: quality)
    }

    /// Writes a grey or RGB JPEG atomically (temporary file + rename).
    public static func writeJPEG(_ image: Image, to path: String, quality: Int = 90) throws {
        let encoded: [UInt8]
        do { encoded = try JPEGEncoding.encode(image, quality: quality) } catch let error as ImageError {
            throw ImageError(path: path, reason: error.reason)
        }
        try encoded.withUnsafeBytes { buffer in try FileAccess.writeAtomically(buffer, to: path) }
    }
}
