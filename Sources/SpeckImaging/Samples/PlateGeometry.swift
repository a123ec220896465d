import Foundation

/// The fixed design of the demo part: a square machined aluminium plate with four
/// corner holes and a centre bore. Coordinates are pixels in the part's own frame,
/// origin at its centre, before the per-image shift and rotation.
enum PlateGeometry {
    static let halfSize = 96.0
    static let cornerRadius = 16.0
    static let holeRadius = 10.0
    static let boreRadius = 20.0
    static let bevelWidth = 2.5
    static let chamferWidth = 1.8

    /// The four corner holes, then the centre bore.
    static let holes: [(x: Double, y: Double, radius: Double)] = [
        (-66, -66, holeRadius), (66, -66, holeRadius), (-66, 66, holeRadius), (66, 66, holeRadius), (0, 0, boreRadius),
    ]

    /// Signed distance to the plate outline: negative inside.
    static func signedDistance(_ u: Double, _ v: Double) -> Double {
        let inner = halfSize - cornerRadius
        let qx = abs(u) - inner, qy = abs(v) - inner
        let outside = hypot(max(qx, 0), max(qy, 0))
        return outside + min(max(qx, qy), 0) - cornerRadius
    }

    /// Outward unit normal of the outline nearest to (u, v).
    static func outwardNormal(_ u: Double, _ v: Double) -> (Double, Double) {
        let inner = halfSize - cornerRadius
        let qx = abs(u) - inner, qy = abs(v) - inner
        let sx: Double = u < 0 ? -1 : 1, sy: Double = v < 0 ? -1 : 1
        if qx > 0 && qy > 0 {
            let length = hypot(qx, qy)
            return (sx * qx / length, sy * qy / length)
        }
        return qx > qy ? (sx, 0) : (0, sy)
    }

    /// True where a defect of `radius` fits on flat surface: inside the plate, clear of
    /// the edge bevel and of every hole.
    static func isFlatSurface(_ u: Double, _ v: Double, radius: Double) -> Bool {
        guard signedDistance(u, v) < -(radius + 8) else { return false }
        return holes.allSatisfy { hypot(u - $0.x, v - $0.y) > $0.radius + chamferWidth + radius + 6 }
    }
}
