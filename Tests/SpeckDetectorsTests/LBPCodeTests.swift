import XCTest
@testable import SpeckDetectors

/// LBP labels on synthetic patterns whose codes can be worked out by hand.
final class LBPCodeTests: XCTestCase {
    /// A 11 x 11 grey plane from a function of (x, y).
    private func plane(_ value: (Int, Int) -> Float) -> [Float] {
        (0 ..< 121).map { value($0 % 11, $0 / 11) }
    }

    private func label(_ grey: [Float], at x: Int, _ y: Int, _ pattern: LBPPattern) -> Int {
        Int(LBPCodeMap(grey: grey, width: 11, height: 11, pattern: pattern).labels[y * 11 + x])
    }

    /// The plane rotated by 90° `turns` times about the centre pixel (5, 5).
    private func rotated(_ grey: [Float], turns: Int) -> [Float] {
        var result = grey
        for _ in 0 ..< turns {
            let source = result
            for y in 0 ..< 11 { for x in 0 ..< 11 { result[y * 11 + x] = source[x * 11 + (10 - y)] } }
        }
        return result
    }

    func testRiu2LabelsOfKnownCodes() {
        XCTAssertEqual(LBPPattern.riu2Label(code: 0b0000_0000, points: 8), 0)
        XCTAssertEqual(LBPPattern.riu2Label(code: 0b1111_1111, points: 8), 8)
        XCTAssertEqual(LBPPattern.riu2Label(code: 0b0001_1100, points: 8), 3)
        XCTAssertEqual(LBPPattern.riu2Label(code: 0b1000_0011, points: 8), 3) // wraps around: still uniform
        XCTAssertEqual(LBPPattern.riu2Label(code: 0b0101_0101, points: 8), 9) // 8 transitions
        XCTAssertEqual(LBPPattern.riu2Label(code: 0b0000_0000_1111_1111, points: 16), 8)
        XCTAssertEqual(LBPPattern.p8r1.binCount, 10)
        XCTAssertEqual(LBPPattern.p16r2.binCount, 18)
    }

    func testSamplingPointsOnTheAxesAreExactPixels() {
        // Point 0 is one pixel to the right, point 2 one pixel up: single taps of weight 1.
        XCTAssertEqual(LBPPattern.p8r1.taps[0], [.init(dx: 1, dy: 0, weight: 1)])
        XCTAssertEqual(LBPPattern.p8r1.taps[2], [.init(dx: 0, dy: -1, weight: 1)])
        XCTAssertEqual(LBPPattern.p16r2.taps[4], [.init(dx: 0, dy: -2, weight: 1)])
        XCTAssertEqual(LBPPattern.p8r1.taps[1].count, 4) // the diagonal is interpolated
        XCTAssertEqual(LBPPattern.p8r1.taps[1].reduce(0) { $0 + $1.weight }, 1, accuracy: 1e-6)
    }

    func testFlatPatchHasAllNeighboursSet() {
        let flat = plane { _, _ in 0.37 }
        XCTAssertEqual(label(flat, at: 5, 5, .p8r1), 8)
        XCTAssertEqual(label(flat, at: 5, 5, .p16r2), 16)
        XCTAssertEqual(label(flat, at: 0, 0, .p8r1), 8) // borders are replicated, still flat
    }

    func testEdgeAtEveryRotation() {
        // Bright half-plane x >= 5; the centre (5, 5) lies on the bright side of the edge.
        let edge = plane { x, _ in x >= 5 ? 1 : 0 }
        for turns in 0 ..< 4 {
            let grey = rotated(edge, turns: turns)
            // R=1: right, upper-right, up, down, lower-right are bright; the left three
            // read below the centre (the diagonals blend in the dark side): 5 contiguous ones.
            XCTAssertEqual(label(grey, at: 5, 5, .p8r1), 5, "rotation \(turns)")
            // R=2: the 9 points with cos >= 0 sit on the bright side.
            XCTAssertEqual(label(grey, at: 5, 5, .p16r2), 9, "rotation \(turns)")
        }
        // On the dark side every neighbour is >= the centre: the flat code.
        XCTAssertEqual(label(edge, at: 4, 5, .p8r1), 8)
    }

    func testCornerAtEveryRotation() {
        // Bright quadrant x >= 5, y >= 5; the centre is its corner pixel.
        let corner = plane { x, y in x >= 5 && y >= 5 ? 1 : 0 }
        for turns in 0 ..< 4 {
            let grey = rotated(corner, turns: turns)
            XCTAssertEqual(label(grey, at: 5, 5, .p8r1), 3, "rotation \(turns)") // right, lower-right, down
            XCTAssertEqual(label(grey, at: 5, 5, .p16r2), 5, "rotation \(turns)") // the quarter arc
        }
    }

    func testAlternatingNeighboursAreNonUniform() {
        // Centre 0.5, axis neighbours 1, diagonal pixels 0: the interpolated diagonals
        // read about 0.46 < 0.5, so bits alternate 1,0,1,0,... — 8 transitions.
        var grey = plane { _, _ in 0 }
        grey[5 * 11 + 5] = 0.5
        for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] { grey[(5 + dy) * 11 + 5 + dx] = 1 }
        XCTAssertEqual(label(grey, at: 5, 5, .p8r1), 9)
    }

    func testContrastIsTheVarianceOfTheSamples() {
        // Edge centre: samples 1,1,1,0.29,0,0.29,1,1 around a bright centre (see above).
        let edge = plane { x, _ in x >= 5 ? 1 : 0 }
        let map = LBPCodeMap(grey: edge, width: 11, height: 11, pattern: .p8r1, withContrast: true)
        let d: Float = 1 - Float(0.5).squareRoot()
        let samples: [Float] = [1, 1, 1, d, 0, d, 1, 1]
        let mean = samples.reduce(0, +) / 8
        let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 8
        XCTAssertEqual(map.contrast![5 * 11 + 5], variance, accuracy: 1e-5)
        XCTAssertEqual(map.contrast![5 * 11 + 1], 0, accuracy: 1e-7) // flat dark area
    }
}
