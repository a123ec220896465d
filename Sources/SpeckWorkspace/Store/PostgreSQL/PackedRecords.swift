import Foundation

/// A cursor over the records `PackedListing` has the server pack.
struct PackedRecords {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func int64() throws -> Int64 {
        guard offset + 8 <= bytes.count else { throw Truncated() }
        defer { offset += 8 }
        return Int64(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
    }

    mutating func double() throws -> Double {
        Double(bitPattern: UInt64(bitPattern: try int64()))
    }

    /// An id packed with a small code as id × 4 + code.
    mutating func idAndCode() throws -> (id: Int64, code: Int) {
        let packed = try int64()
        let code = Int(packed & 3)
        guard code < 3 else { throw Truncated() }
        return (packed >> 2, code)
    }

    /// UTF-8 up to the next NUL (skipped) or the end.
    mutating func text() throws -> String {
        let end = bytes[offset...].firstIndex(of: 0) ?? bytes.count
        defer { offset = end + 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset ..< end]), as: UTF8.self)
    }

    struct Truncated: Error, CustomStringConvertible {
        var description: String { "a packed listing from the server is not as expected" }
    }
}
