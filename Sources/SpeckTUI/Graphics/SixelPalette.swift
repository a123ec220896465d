/// The fixed 256-colour palette pictures are quantised to for sixel: a
/// 6x6x6 colour cube (levels 0, 51, ..., 255) plus 40 greys between the cube's.
///
/// Fixed rather than median cut, because: every frame uses the same colours
/// (no palette to compute per picture, no colour shifts between frames), a
/// pixel maps by arithmetic instead of a search, and the error is bounded
/// (at most 26 per channel for colours, 4 for greys, which is what most
/// inspection images are). Median cut would fit a heatmap's few hues better,
/// at the cost of a per-picture pass and a tree search per pixel.
public enum SixelPalette {
    public static let cubeLevels: [Int] = [0, 51, 102, 153, 204, 255]
    /// Greys 1...40 of 41 even steps (0 and 255 are in the cube).
    public static let greyLevels: [Int] = (1...40).map { Int((Double($0) * 255 / 41).rounded()) }

    public static let colours: [RGB] = {
        var colours: [RGB] = []
        for r in cubeLevels { for g in cubeLevels { for b in cubeLevels { colours.append(RGB(UInt8(r), UInt8(g), UInt8(b))) } } }
        for grey in greyLevels { colours.append(RGB(UInt8(grey), UInt8(grey), UInt8(grey))) }
        return colours
    }()

    /// The palette index nearest to `pixel`: the nearest cube colour, or the nearest grey if that is closer.
    @inline(__always)
    public static func index(of pixel: RGB) -> UInt8 {
        let r = Int(pixel.r), g = Int(pixel.g), b = Int(pixel.b)
        let ri = (r + 25) / 51, gi = (g + 25) / 51, bi = (b + 25) / 51
        let cubeError = square(r - ri * 51) + square(g - gi * 51) + square(b - bi * 51)
        // The grey nearest to a colour is the one nearest to its mean; the rounding of the levels needs the neighbours checked.
        let centre = Int((Double(r + g + b) * 41 / 765).rounded())
        var step = 1, greyError = Int.max
        for candidate in max(1, centre - 1)...min(40, max(1, centre + 1)) {
            let grey = greyLevels[candidate - 1]
            let error = square(r - grey) + square(g - grey) + square(b - grey)
            if error < greyError { (step, greyError) = (candidate, error) }
        }
        return greyError < cubeError ? UInt8(216 + step - 1) : UInt8(ri * 36 + gi * 6 + bi)
    }

    @inline(__always) static func square(_ v: Int) -> Int { v * v }
}
