import Foundation

/// A circular sampling pattern of P points at radius R around each pixel
/// (Ojala et al. 2002), points placed as scikit-image does: point p at angle
/// 2πp/P, offset (dx, dy) = (R cos, -R sin). Off-grid points are read by
/// bilinear interpolation, precomputed here as taps into a padded plane.
public struct LBPPattern: Sendable, Equatable {
    public let points: Int
    public let radius: Float
    /// Per point: up to four (dx, dy, weight) taps.
    public let taps: [[Tap]]
    /// riu2 label of every P-bit code: the number of 1 bits for uniform codes
    /// (at most two 0/1 transitions around the circle), P + 1 otherwise.
    public let riu2: [UInt8]

    public struct Tap: Sendable, Equatable {
        public var dx: Int
        public var dy: Int
        public var weight: Float
    }

    /// Labels per pixel: 0...P uniform, P + 1 non-uniform.
    public var binCount: Int { points + 2 }
    /// Border needed around a plane so every tap stays inside.
    public var padding: Int { Int(radius.rounded(.up)) + 1 }

    public static let p8r1 = LBPPattern(points: 8, radius: 1)
    public static let p16r2 = LBPPattern(points: 16, radius: 2)

    public init(points: Int, radius: Float) {
        precondition(points >= 4 && points <= 16, "LBP patterns use 4...16 points")
        self.points = points
        self.radius = radius
        taps = (0 ..< points).map { p in
            let angle = 2 * Double.pi * Double(p) / Double(points)
            let x = Self.snapped(Double(radius) * cos(angle))
            let y = Self.snapped(-Double(radius) * sin(angle))
            let x0 = x.rounded(.down), y0 = y.rounded(.down)
            let fx = Float(x - x0), fy = Float(y - y0)
            let candidates = [Tap(dx: Int(x0), dy: Int(y0), weight: (1 - fx) * (1 - fy)),
                              Tap(dx: Int(x0) + 1, dy: Int(y0), weight: fx * (1 - fy)),
                              Tap(dx: Int(x0), dy: Int(y0) + 1, weight: (1 - fx) * fy),
                              Tap(dx: Int(x0) + 1, dy: Int(y0) + 1, weight: fx * fy)]
            return candidates.filter { $0.weight > 0 }
        }
        riu2 = (0 ..< (1 << points)).map { UInt8(Self.riu2Label(code: $0, points: points)) }
    }

    /// Rotation-invariant uniform label of one code.
    public static func riu2Label(code: Int, points: Int) -> Int {
        var transitions = 0
        for p in 0 ..< points {
            let bit = (code >> p) & 1, next = (code >> ((p + 1) % points)) & 1
            if bit != next { transitions += 1 }
        }
        return transitions <= 2 ? code.nonzeroBitCount : points + 1
    }

    /// Removes the rounding noise of cos/sin so axis-aligned points hit pixels exactly.
    private static func snapped(_ value: Double) -> Double {
        let nearest = value.rounded()
        return abs(value - nearest) < 1e-9 ? nearest : value
    }
}
