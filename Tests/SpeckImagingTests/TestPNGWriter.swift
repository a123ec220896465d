/// A minimal PNG writer for tests, independent of libpng: any colour type and bit depth,
/// optional palette, tRNS and gAMA chunks, zlib "stored" (uncompressed) blocks.
/// Lets the decoder tests state the exact samples in a file.
struct TestPNGWriter {
    enum ColourType: UInt8 { case grey = 0, rgb = 2, palette = 3, greyAlpha = 4, rgba = 6 }

    var width: Int
    var height: Int
    var bitDepth: Int
    var colourType: ColourType
    /// Samples row by row, interleaved, one value per channel (palette: the index).
    var samples: [Int]
    var palette: [(UInt8, UInt8, UInt8)] = []
    var transparency: [UInt8] = []
    /// gAMA value × 100000, written when set.
    var gamma: UInt32?

    var channels: Int {
        switch colourType { case .grey, .palette: 1; case .greyAlpha: 2; case .rgb: 3; case .rgba: 4 }
    }

    func encoded() -> [UInt8] {
        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height))
        header += [UInt8(bitDepth), colourType.rawValue, 0, 0, 0]
        file += Self.chunk("IHDR", header)
        if let gamma { file += Self.chunk("gAMA", Self.bigEndian(gamma)) }
        if !palette.isEmpty { file += Self.chunk("PLTE", palette.flatMap { [$0.0, $0.1, $0.2] }) }
        if !transparency.isEmpty { file += Self.chunk("tRNS", transparency) }
        file += Self.chunk("IDAT", Self.zlibStored(rawRows()))
        file += Self.chunk("IEND", [])
        return file
    }

    /// Filter byte 0 then the packed samples, per row.
    private func rawRows() -> [UInt8] {
        var raw: [UInt8] = []
        let perRow = width * channels
        for y in 0..<height {
            raw.append(0)
            let row = samples[(y * perRow)..<((y + 1) * perRow)]
            switch bitDepth {
            case 16: for v in row { raw += [UInt8(v >> 8), UInt8(v & 0xFF)] }
            case 8: for v in row { raw.append(UInt8(v)) }
            default:
                var byte = 0, used = 0
                for v in row {
                    byte = (byte << bitDepth) | v
                    used += bitDepth
                    if used == 8 { raw.append(UInt8(byte)); byte = 0; used = 0 }
                }
                if used > 0 { raw.append(UInt8(byte << (8 - used))) }
            }
        }
        return raw
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typed + bigEndian(crc32(typed))
    }

    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65535, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            out += [final, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        return out + bigEndian(b << 16 | a)
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return ~crc
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
