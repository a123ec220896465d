/// The entries of a stored (uncompressed) zip archive, found through the
/// end-of-central-directory record and the central directory; data offsets
/// come from each local header. Zip64 sizes and offsets are understood.
struct ZipArchive {
    struct Entry {
        var name: String
        var dataOffset: Int
        var size: Int
    }

    let entries: [Entry]

    static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4b && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    init(_ bytes: UnsafeRawBufferPointer, path: String) throws(CheckpointError) {
        func fail(_ why: String) -> CheckpointError { CheckpointError(path: path, reason: .unsupportedZip(why)) }
        func u16(_ at: Int) -> Int { Int(UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt16.self))) }
        func u32(_ at: Int) -> Int { Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }
        func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }

        // EOCD: 22 bytes plus a comment of up to 65535 bytes at the very end.
        var eocd = -1
        var at = bytes.count - 22
        while at >= max(0, bytes.count - 22 - 65535) {
            if u32(at) == 0x0605_4b50 && at + 22 + u16(at + 20) == bytes.count { eocd = at; break }
            at -= 1
        }
        guard eocd >= 0 else { throw CheckpointError(path: path, reason: .truncatedZip) }
        var entryCount = u16(eocd + 10)
        var directorySize = u32(eocd + 12)
        var directoryOffset = u32(eocd + 16)
        if entryCount == 0xffff || directorySize == 0xffff_ffff || directoryOffset == 0xffff_ffff {
            // Zip64 locator sits just before the EOCD and points at the Zip64 record.
            let locator = eocd - 20
            guard locator >= 0, u32(locator) == 0x0706_4b50 else { throw fail("Zip64 locator missing") }
            let record64 = u64(locator + 8)
            guard record64 <= UInt64(bytes.count - 56), u32(Int(record64)) == 0x0606_4b50 else { throw fail("Zip64 record missing") }
            let r = Int(record64)
            guard u64(r + 32) < UInt64(Int.max), u64(r + 40) < UInt64(Int.max), u64(r + 48) < UInt64(Int.max) else { throw fail("Zip64 sizes too large") }
            entryCount = Int(u64(r + 32)); directorySize = Int(u64(r + 40)); directoryOffset = Int(u64(r + 48))
        }
        guard directoryOffset <= bytes.count, directorySize <= bytes.count - directoryOffset else {
            throw CheckpointError(path: path, reason: .truncatedZip)
        }
        var found: [Entry] = []
        var cursor = directoryOffset
        for _ in 0..<entryCount {
            guard cursor + 46 <= directoryOffset + directorySize, u32(cursor) == 0x0201_4b50 else { throw fail("damaged central directory") }
            let method = u16(cursor + 10)
            var size = u32(cursor + 20)
            let nameLength = u16(cursor + 28), extraLength = u16(cursor + 30), commentLength = u16(cursor + 32)
            var localOffset = u32(cursor + 42)
            guard cursor + 46 + nameLength + extraLength <= bytes.count else { throw fail("damaged central directory") }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[cursor + 46..<cursor + 46 + nameLength]), as: UTF8.self)
            if size == 0xffff_ffff || localOffset == 0xffff_ffff {
                // Zip64 extra field (id 1): uncompressed size, compressed size, local offset, as present.
                var e = cursor + 46 + nameLength
                let end = e + extraLength
                while e + 4 <= end {
                    let id = u16(e), length = u16(e + 2)
                    if id == 1 {
                        var field = e + 4
                        if size == 0xffff_ffff { size = Int(clamping: u64(field)); field += 16 }
                        if localOffset == 0xffff_ffff { localOffset = Int(clamping: u64(field)) }
                    }
                    e += 4 + length
                }
            }
            guard method == 0 else { throw fail("entry \(name) is compressed (method \(method)); PyTorch stores entries uncompressed") }
            guard localOffset <= bytes.count - 30, u32(localOffset) == 0x0403_4b50 else { throw fail("local header of \(name) missing") }
            let dataOffset = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28)
            guard dataOffset <= bytes.count, size <= bytes.count - dataOffset else {
                throw CheckpointError(path: path, reason: .truncatedStorage(key: name, expectedBytes: size,
                                                                            foundBytes: max(0, bytes.count - dataOffset)))
            }
            found.append(Entry(name: name, dataOffset: dataOffset, size: size))
            cursor += 46 + nameLength + extraLength + commentLength
        }
        entries = found
    }
}
