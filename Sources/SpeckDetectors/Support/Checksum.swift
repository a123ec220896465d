/// A fast non-cryptographic checksum to detect damaged files: FNV-1a folded
/// over 64-bit little-endian words, then over the tail bytes.
public struct Checksum64: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        let words = bytes.count / 8
        for i in 0 ..< words {
            let word = bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            h = (h ^ UInt64(littleEndian: word)) &* Self.prime
        }
        for i in (words * 8) ..< bytes.count {
            h = (h ^ UInt64(bytes[i])) &* Self.prime
        }
        value = h
    }
}
