/// Walks a JPEG's marker segments to check that the file really ends with an
/// end-of-image marker. libjpeg treats a file cut short as a warning and pads
/// the missing rows with grey; Speck refuses such files instead.
enum JPEGStructure {
    static func hasEndOfImage(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        var offset = 2 // after SOI
        while offset + 1 < count {
            guard bytes[offset] == 0xFF else { return false }
            let marker = bytes[offset + 1]
            offset += 2
            switch marker {
            case 0xFF: offset -= 1 // fill byte before a marker
            case 0xD9: return true
            case 0x01, 0xD0...0xD7: continue // markers without a length
            default:
                guard offset + 1 < count else { return false }
                let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
                offset += length
                if marker == 0xDA { offset = nextMarkerAfterEntropyData(bytes, from: offset) }
            }
        }
        return false
    }

    /// Entropy-coded data escapes 0xFF as FF 00 and may hold restart markers FF D0-D7;
    /// any other FF xx is the next marker.
    private static func nextMarkerAfterEntropyData(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var offset = start
        let count = bytes.count
        while offset + 1 < count {
            if bytes[offset] == 0xFF {
                let next = bytes[offset + 1]
                if next != 0x00 && !(0xD0...0xD7).contains(next) && next != 0xFF { return offset }
                offset += next == 0xFF ? 1 : 2
            } else {
                offset += 1
            }
        }
        return count
    }
}
