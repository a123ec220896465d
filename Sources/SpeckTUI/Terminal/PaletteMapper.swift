/// Nearest palette entry for an RGB colour, for terminals without 24-bit
/// colour. Like chafa's 240 mode, the 256 palette uses only its fixed part
/// (the 6x6x6 cube and the grey ramp), since the first 16 entries are
/// user-configurable. Distances are weighted towards green, as the eye is.
public struct PaletteMapper: Sendable {
    public let mode: ColorMode
    private let ansiCount: Int

    /// `ansiCount`: how many of the ANSI colours the terminal has (8 or 16).
    public init(mode: ColorMode, ansiCount: Int = 16) {
        self.mode = mode
        self.ansiCount = ansiCount
    }

    /// The colour number to hand to the terminal: 0xRRGGBB for truecolor,
    /// a palette index otherwise, -1 (default colour) for mono.
    public func colourNumber(for colour: RGB) -> Int {
        switch mode {
        case .truecolor:
            // Direct-colour terminfo treats 0...7 as the ANSI colours: nudge near-black blues up.
            return max(8, Int(colour.r) << 16 | Int(colour.g) << 8 | Int(colour.b))
        case .palette256: return Self.nearest256(colour)
        case .palette16: return nearestANSI(colour)
        case .mono: return -1
        }
    }

    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }

    /// Index (16...255) of the closest cube or grey-ramp entry.
    public static func nearest256(_ colour: RGB) -> Int {
        let c = (Int(colour.r), Int(colour.g), Int(colour.b))
        func cubeIndex(_ v: Int) -> Int {
            var best = 0
            for i in 1..<cubeLevels.count where abs(cubeLevels[i] - v) < abs(cubeLevels[best] - v) { best = i }
            return best
        }
        let (ri, gi, bi) = (cubeIndex(c.0), cubeIndex(c.1), cubeIndex(c.2))
        let cube = (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi])
        let cubeDistance = distance(c, cube)
        // Grey ramp: 232...255 are 8, 18, ..., 238.
        let mean = (c.0 + c.1 + c.2) / 3
        let greyStep = max(0, min(23, (mean - 3) / 10))
        let greyLevel = 8 + 10 * greyStep
        let greyDistance = distance(c, (greyLevel, greyLevel, greyLevel))
        return greyDistance < cubeDistance ? 232 + greyStep : 16 + 36 * ri + 6 * gi + bi
    }

    /// The xterm default values of the 16 ANSI colours.
    static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    func nearestANSI(_ colour: RGB) -> Int {
        let c = (Int(colour.r), Int(colour.g), Int(colour.b))
        var best = 0
        var bestDistance = Int.max
        for i in 0..<min(ansiCount, Self.ansi.count) {
            let d = Self.distance(c, Self.ansi[i])
            if d < bestDistance { (best, bestDistance) = (i, d) }
        }
        return best
    }
}
