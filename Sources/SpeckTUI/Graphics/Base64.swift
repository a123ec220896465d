/// Standard base64 (RFC 4648, with padding) into bytes. Written out rather
/// than going through Foundation's `Data` because the kitty and iTerm2
/// payloads of a full-screen picture are megabytes and are made on the UI thread.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encodedCount(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        let count = bytes.count
        return [UInt8](unsafeUninitializedCapacity: encodedCount(count)) { out, initialised in
            alphabet.withUnsafeBufferPointer { table in
                bytes.withUnsafeBufferPointer { input in
                    var i = 0, o = 0
                    while i + 3 <= count {
                        let word = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
                        out[o] = table[Int(word >> 18 & 63)]
                        out[o + 1] = table[Int(word >> 12 & 63)]
                        out[o + 2] = table[Int(word >> 6 & 63)]
                        out[o + 3] = table[Int(word & 63)]
                        i += 3
                        o += 4
                    }
                    let rest = count - i
                    if rest > 0 {
                        let word = UInt32(input[i]) << 16 | (rest == 2 ? UInt32(input[i + 1]) << 8 : 0)
                        out[o] = table[Int(word >> 18 & 63)]
                        out[o + 1] = table[Int(word >> 12 & 63)]
                        out[o + 2] = rest == 2 ? table[Int(word >> 6 & 63)] : UInt8(ascii: "=")
                        out[o + 3] = UInt8(ascii: "=")
                        o += 4
                    }
                    initialised = o
                }
            }
        }
    }
}
