import Foundation

/// One synthetic defect on the plate, in the part's frame. Each kind changes the
/// rendered surface in its own physical way and knows its own pixel mask.
enum SampleDefect: Sendable {
    /// A thin groove along a curved path: catches the light (bright) or shadows (dark).
    case scratch(path: [(Double, Double)], width: Double, amplitude: Double)
    /// Oil or coolant residue: an irregular, darker, duller patch with a drying ring.
    case stain(centre: (Double, Double), radius: Double, outline: [Double], strength: Double)
    /// A small impact dent: a smooth depression shaded by the light.
    case dent(centre: (Double, Double), sigma: Double, amplitude: Double)
    /// One corner hole was never drilled (only the centre-punch mark is there).
    case missingHole(index: Int)

    static let kinds = ["scratch", "stain", "dent", "missing_hole"]

    var kind: String {
        switch self {
        case .scratch: return "scratch"
        case .stain: return "stain"
        case .dent: return "dent"
        case .missingHole: return "missing_hole"
        }
    }

    /// A random defect of `kind` placed on flat surface.
    static func random(kind: String, using random: inout SampleRandom) -> SampleDefect {
        switch kind {
        case "scratch":
            let length = random.uniform(35...85)
            for _ in 0..<1000 {
                let angle = random.uniform(0...(2 * Double.pi))
                let cx = random.uniform(-70...70), cy = random.uniform(-70...70)
                let dx = cos(angle) * length / 2, dy = sin(angle) * length / 2
                let bend = random.uniform(-0.25...0.25) * length
                let control = (cx - dy / length * 2 * bend, cy + dx / length * 2 * bend)
                let path = (0...40).map { step -> (Double, Double) in
                    let t = Double(step) / 40
                    let a = (cx - dx, cy - dy), b = (cx + dx, cy + dy)
                    return ((1 - t) * (1 - t) * a.0 + 2 * (1 - t) * t * control.0 + t * t * b.0,
                            (1 - t) * (1 - t) * a.1 + 2 * (1 - t) * t * control.1 + t * t * b.1)
                }
                if path.allSatisfy({ PlateGeometry.isFlatSurface($0.0, $0.1, radius: 2) }) {
                    return .scratch(path: path, width: random.uniform(0.7...1.4),
                                    amplitude: random.sign() * random.uniform(0.13...0.24))
                }
            }
        case "stain":
            let radius = random.uniform(9...17)
            let outlineNoise = ValueNoise(size: 16, random: &random)
            let outline = (0..<64).map { step -> Double in
                let angle = Double(step) / 64 * 2 * Double.pi
                return 1 + 0.32 * outlineNoise.fractal(2 + 1.6 * cos(angle), 2 + 1.6 * sin(angle), octaves: 3)
            }
            let centre = randomFlatPoint(radius: radius * 1.35, using: &random)
            return .stain(centre: centre, radius: radius, outline: outline, strength: random.uniform(0.16...0.3))
        case "dent":
            let sigma = random.uniform(3.2...5.5)
            return .dent(centre: randomFlatPoint(radius: 2.4 * sigma, using: &random), sigma: sigma,
                         amplitude: random.uniform(0.12...0.22))
        default:
            return .missingHole(index: Int.random(in: 0..<4, using: &random))
        }
        return .missingHole(index: 0)
    }

    private static func randomFlatPoint(radius: Double, using random: inout SampleRandom) -> (Double, Double) {
        while true {
            let point = (random.uniform(-84...84), random.uniform(-84...84))
            if PlateGeometry.isFlatSurface(point.0, point.1, radius: radius) { return point }
        }
    }

    /// Whether the pixel at (u, v) belongs to the defect's ground-truth mask.
    func masks(_ u: Double, _ v: Double) -> Bool {
        switch self {
        case let .scratch(path, width, _):
            return Self.distance(from: (u, v), toPath: path) <= width * 1.5 + 0.7
        case let .stain(centre, radius, outline, _):
            return Self.stainCoordinate(u, v, centre: centre, radius: radius, outline: outline) <= 1.02
        case let .dent(centre, sigma, _):
            return hypot(u - centre.0, v - centre.1) <= 2.2 * sigma
        case let .missingHole(index):
            let hole = PlateGeometry.holes[index]
            return hypot(u - hole.x, v - hole.y) <= hole.radius + PlateGeometry.chamferWidth + 1
        }
    }

    static func distance(from point: (Double, Double), toPath path: [(Double, Double)]) -> Double {
        var best = Double.infinity
        for i in 1..<path.count {
            let a = path[i - 1], b = path[i]
            let ex = b.0 - a.0, ey = b.1 - a.1
            let t = max(0, min(1, ((point.0 - a.0) * ex + (point.1 - a.1) * ey) / (ex * ex + ey * ey)))
            best = min(best, hypot(point.0 - a.0 - t * ex, point.1 - a.1 - t * ey))
        }
        return best
    }

    /// Distance from the stain centre relative to its irregular outline: 1 on the outline.
    static func stainCoordinate(_ u: Double, _ v: Double, centre: (Double, Double), radius: Double, outline: [Double]) -> Double {
        let du = u - centre.0, dv = v - centre.1
        var angle = atan2(dv, du)
        if angle < 0 { angle += 2 * Double.pi }
        let position = angle / (2 * Double.pi) * Double(outline.count)
        let i = Int(position) % outline.count, t = position - Double(Int(position))
        let scale = outline[i] * (1 - t) + outline[(i + 1) % outline.count] * t
        return hypot(du, dv) / (radius * scale)
    }
}
