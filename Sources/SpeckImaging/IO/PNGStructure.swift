/// Reads what Speck needs from a PNG's chunk structure without libpng:
/// the IHDR size (to refuse huge images before any allocation) and the
/// colour-management chunks, which are removed before decoding.
struct PNGStructure {
    let width: Int
    let height: Int
    let bitDepth: Int
    let colourType: Int

    /// Chunks that would make libpng's simplified reader convert sample values (gamma,
    /// sRGB intent, ICC profile, chromaticities). Speck, like PIL and torchvision, uses
    /// the stored samples as they are, so these are dropped before decoding.
    private static let colourManagementChunks: Set<String> = ["gAMA", "sRGB", "iCCP", "cHRM"]

    /// Parses the IHDR chunk, which must come right after the 8-byte signature.
    init(bytes: UnsafeRawBufferPointer, path: String) throws {
        guard bytes.count >= 8 + 8 + 13 else { throw ImageError(path: path, reason: "truncated PNG (the file ends inside the header)") }
        guard Self.chunkType(bytes, at: 8) == "IHDR", Self.bigEndian32(bytes, at: 8) == 13 else { throw ImageError(path: path, reason: "corrupt PNG (no IHDR header chunk)") }
        width = Int(Self.bigEndian32(bytes, at: 16))
        height = Int(Self.bigEndian32(bytes, at: 20))
        bitDepth = Int(bytes[24])
        colourType = Int(bytes[25])
        guard width > 0, height > 0 else { throw ImageError(path: path, reason: "corrupt PNG (width or height is 0)") }
    }

    /// Channels of the decoded image: 1 for grey (with or without alpha), else 3.
    var decodedChannels: Int { colourType == 0 || colourType == 4 ? 1 : 3 }

    /// The byte ranges of colour-management chunks before the first IDAT.
    static func colourManagementRanges(_ bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var offset = 8
        while offset + 12 <= bytes.count {
            let length = Int(bigEndian32(bytes, at: offset))
            let type = chunkType(bytes, at: offset)
            if type == "IDAT" || type == "IEND" { break }
            let end = offset + 12 + length
            guard end <= bytes.count else { break }
            if colourManagementChunks.contains(type) { ranges.append(offset..<end) }
            offset = end
        }
        return ranges
    }

    private static func bigEndian32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        (UInt32(bytes[offset]) << 24) | (UInt32(bytes[offset + 1]) << 16) | (UInt32(bytes[offset + 2]) << 8) | UInt32(bytes[offset + 3])
    }

    private static func chunkType(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> String {
        String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
    }
}
