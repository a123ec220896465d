/// Sixel (foot, WezTerm, xterm -ti vt340, mlterm, Windows Terminal): the
/// picture quantised to `SixelPalette`, then drawn in bands of 6 pixel rows;
/// in each band every colour used gets one line of characters (63 + six bits
/// per column), runs of 4 or more written `!<count><char>`.
public enum SixelEncoder {
    /// xterm drops larger sixel pictures without a word (its default maxGraphicSize is 1000x1000).
    public static let largestSide = 1000

    public static func encode(_ grid: PixelGrid) -> [UInt8] {
        let width = grid.width, height = grid.height
        let indices = grid.pixels.map(SixelPalette.index(of:))
        var out: [UInt8] = []
        out.reserveCapacity(width * height / 2)
        // P2=1: pixels not painted stay as they are (every pixel is painted); "1;1 = square pixels.
        out += Array("\u{1b}P0;1;0q\"1;1;\(width);\(height)".utf8)
        var used = [Bool](repeating: false, count: 256)
        for index in indices { used[Int(index)] = true }
        for (index, colour) in SixelPalette.colours.enumerated() where used[index] {
            out += Array("#\(index);2;\(percent(colour.r));\(percent(colour.g));\(percent(colour.b))".utf8)
        }
        // One row of six-bit columns per colour, reused across bands (only the used rows are cleared).
        var bits = [UInt8](repeating: 0, count: 256 * width)
        var seen = [Bool](repeating: false, count: 256)
        var bandColours: [Int] = []
        for top in stride(from: 0, to: height, by: 6) {
            bandColours.removeAll(keepingCapacity: true)
            for row in 0..<min(6, height - top) {
                let rowStart = (top + row) * width
                for x in 0..<width {
                    let colour = Int(indices[rowStart + x])
                    if !seen[colour] { seen[colour] = true; bandColours.append(colour) }
                    bits[colour * width + x] |= 1 << row
                }
            }
            for (k, colour) in bandColours.enumerated() {
                if k > 0 { out.append(UInt8(ascii: "$")) }  // back to the band's first column
                out += Array("#\(colour)".utf8)
                appendRuns(bits[(colour * width)..<(colour * width + width)], to: &out)
                for x in 0..<width { bits[colour * width + x] = 0 }
                seen[colour] = false
            }
            out.append(UInt8(ascii: "-"))  // next band
        }
        out += [0x1b, UInt8(ascii: "\\")]
        return out
    }

    /// Sixel colour components are percentages.
    static func percent(_ value: UInt8) -> Int { (Int(value) * 100 + 127) / 255 }

    /// Six-bit columns as characters, with runs compressed; trailing empty columns are left out.
    static func appendRuns(_ columns: ArraySlice<UInt8>, to out: inout [UInt8]) {
        var end = columns.endIndex
        while end > columns.startIndex, columns[end - 1] == 0 { end -= 1 }
        var i = columns.startIndex
        while i < end {
            let value = columns[i]
            var run = 1
            while i + run < end, columns[i + run] == value { run += 1 }
            let character = 63 + value
            if run >= 4 {
                out += Array("!\(run)".utf8)
                out.append(character)
            } else {
                for _ in 0..<run { out.append(character) }
            }
            i += run
        }
    }
}
