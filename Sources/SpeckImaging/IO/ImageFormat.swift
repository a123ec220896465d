import Foundation

/// The encoded formats Speck reads, recognised by their first bytes (never by extension).
public enum ImageFormat: String, Sendable {
    case png = "PNG"
    case jpeg = "JPEG"

    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The format whose signature starts `bytes`, or nil.
    static func sniff(_ bytes: UnsafeRawBufferPointer) -> ImageFormat? {
        if bytes.count >= 8, zip(bytes.prefix(8), pngSignature).allSatisfy({ $0 == $1 }) { return .png }
        if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF { return .jpeg }
        return nil
    }

    /// A short, printable description of unrecognised content for error messages.
    static func describeUnknown(_ bytes: UnsafeRawBufferPointer) -> String {
        let head = bytes.prefix(8)
        let printable = head.allSatisfy { $0 == 9 || $0 == 10 || $0 == 13 || (32..<127).contains($0) }
        if printable {
            let text = String(decoding: head, as: UTF8.self)
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
            return "not a PNG or JPEG image (looks like text: \"\(text)\(bytes.count > 8 ? "..." : "")\")"
        }
        let hex = head.map { String($0, radix: 16, uppercase: true) }.map { $0.count == 1 ? "0" + $0 : $0 }
        return "not a PNG or JPEG image (starts with bytes \(hex.joined(separator: " ")))"
    }
}
