import SpeckTUI

/// A small sixel interpreter: colour registers (#i;2;r;g;b in percent),
/// colour selection, sixel characters, repeats (!n), $ and -, with the size
/// from the raster attributes. Unpainted pixels stay nil.
struct SixelTestDecoder {
    let width: Int
    let height: Int
    var pixels: [RGB?]

    enum Failure: Error { case malformed(String) }

    init(_ bytes: [UInt8]) throws {
        var s = String(decoding: bytes, as: UTF8.self)
        guard s.hasPrefix("\u{1b}P"), s.hasSuffix("\u{1b}\\"), let q = s.firstIndex(of: "q") else {
            throw Failure.malformed("not a DCS ... q ... ST sequence")
        }
        s = String(s[s.index(after: q)..<s.index(s.endIndex, offsetBy: -2)])
        var chars = Array(s.utf8)[...]
        func number() -> Int {
            var value = 0
            while let c = chars.first, c >= 48, c <= 57 { value = value * 10 + Int(c - 48); chars = chars.dropFirst() }
            return value
        }
        func numbers() -> [Int] {
            var list = [number()]
            while chars.first == UInt8(ascii: ";") { chars = chars.dropFirst(); list.append(number()) }
            return list
        }
        guard chars.first == UInt8(ascii: "\"") else { throw Failure.malformed("no raster attributes") }
        chars = chars.dropFirst()
        let raster = numbers()
        guard raster.count == 4 else { throw Failure.malformed("raster attributes \(raster)") }
        width = raster[2]
        height = raster[3]
        pixels = Array(repeating: nil, count: width * height)
        var registers: [Int: RGB] = [:]
        var colour: RGB?
        var x = 0, band = 0
        func paint(_ value: UInt8, times: Int) throws {
            let bits = Int(value) - 63
            guard (0...63).contains(bits) else { throw Failure.malformed("sixel character \(value)") }
            for _ in 0..<times {
                for row in 0..<6 where bits & (1 << row) != 0 {
                    let y = band * 6 + row
                    guard x < width, y < height, let colour else { throw Failure.malformed("paint outside \(x),\(y) or no colour") }
                    pixels[y * width + x] = colour
                }
                x += 1
            }
        }
        while let c = chars.first {
            chars = chars.dropFirst()
            switch c {
            case UInt8(ascii: "#"):
                let values = numbers()
                if values.count == 5 {
                    guard values[1] == 2 else { throw Failure.malformed("colour space \(values[1])") }
                    func byte(_ percent: Int) -> UInt8 { UInt8((percent * 255 + 50) / 100) }
                    registers[values[0]] = RGB(byte(values[2]), byte(values[3]), byte(values[4]))
                } else {
                    guard let known = registers[values[0]] else { throw Failure.malformed("colour \(values[0]) not defined") }
                    colour = known
                }
            case UInt8(ascii: "!"):
                let count = number()
                guard let value = chars.first else { throw Failure.malformed("repeat at the end") }
                chars = chars.dropFirst()
                try paint(value, times: count)
            case UInt8(ascii: "$"): x = 0
            case UInt8(ascii: "-"): x = 0; band += 1
            default: try paint(c, times: 1)
            }
        }
    }
}
