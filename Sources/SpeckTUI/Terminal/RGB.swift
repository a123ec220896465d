/// A 24-bit colour. Everything above the terminal layer speaks RGB; the
/// terminal maps it to what the terminal can show (see `ColorMode`).
public struct RGB: Hashable, Sendable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Parses "#rrggbb" or "rrggbb"; nil for anything else.
    public init?(hex: String) {
        var text = Substring(hex)
        if text.hasPrefix("#") { text = text.dropFirst() }
        guard text.count == 6, let value = UInt32(text, radix: 16) else { return nil }
        self.init(UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff))
    }

    public init(unit r: Float, _ g: Float, _ b: Float) {
        func byte(_ v: Float) -> UInt8 { UInt8(max(0, min(255, (v * 255).rounded()))) }
        self.init(byte(r), byte(g), byte(b))
    }

    public var hex: String {
        let value = Int(r) << 16 | Int(g) << 8 | Int(b)
        let digits = String(value, radix: 16)
        return "#" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// Relative luminance in [0, 1] (Rec. 709 weights on the encoded values: good enough for shading).
    public var luminance: Float {
        (0.2126 * Float(r) + 0.7152 * Float(g) + 0.0722 * Float(b)) / 255
    }

    /// `self` moved towards `other` by `amount` in [0, 1].
    public func mixed(with other: RGB, amount: Float) -> RGB {
        let a = max(0, min(1, amount))
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Float(x) * (1 - a) + Float(y) * a).rounded()) }
        return RGB(mix(r, other.r), mix(g, other.g), mix(b, other.b))
    }

    public static let black = RGB(0, 0, 0)
    public static let white = RGB(255, 255, 255)
}
