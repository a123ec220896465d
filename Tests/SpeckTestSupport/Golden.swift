import Foundation
import XCTest

/// PyTorch's run of EfficientNet-Lite0 on one image, as compact golden values
/// (`Tests/Fixtures/efficientnet-lite0/<image>.json`, made by `Tests/Fixtures/make_fixtures.py`).
public struct GoldenRun: Decodable {
    public let top5: [Int]
    public let stages: [String: Golden]

    public static func load(_ relative: String) throws -> GoldenRun {
        try JSONDecoder().decode(GoldenRun.self, from: Data(contentsOf: URL(fileURLWithPath: TestData.fixture(relative))))
    }

    public func stage(_ name: String) throws -> Golden {
        try XCTUnwrap(stages[name], "no golden values for stage \(name)")
    }
}

/// One reference tensor: the sum, sum of squares and max|value| of all its
/// values, every `stride`-th value from index 0, and (for inputs) a hash of its float32 bytes.
public struct Golden: Decodable {
    public let shape: [Int]
    public let sum: Double
    public let sumOfSquares: Double
    public let maxAbs: Double
    public let fnv1a64: String?
    public let stride: Int?
    public let sample: [Double]?

    /// The fixtures' pass criterion, |ours - ref| <= 1e-4 * max|ref| per value, checked on the
    /// sample; and on the sums, within what that criterion allows over all n values:
    /// |sum - ref| <= n t and, as |a^2 - r^2| = |a - r| |a + r| <= t (2|a| + t),
    /// |sum of squares - ref| <= t (2 sum|a| + n t), plus the float64 rounding of the sums.
    public func assertClose(_ values: [Float], shape: [Int], _ what: String, relativeTolerance: Double = 1e-4,
                            file: StaticString = #filePath, line: UInt = #line) {
        guard checkShape(values, shape, what, file: file, line: line) else { return }
        let limit = relativeTolerance * maxAbs
        let worst = sampled(values).map { abs(Double($0.ours) - $0.reference) }.enumerated().max { $0.element < $1.element }
        if let worst {
            XCTAssertLessThanOrEqual(worst.element, limit, "\(what): sampled value \(worst.offset) (index \(worst.offset * (stride ?? 1))) "
                                     + "is off by \(worst.element) > \(limit) = \(relativeTolerance) * max|ref| \(maxAbs)", file: file, line: line)
        }
        var ours = (sum: 0.0, squares: 0.0, absolute: 0.0)
        for value in values.lazy.map(Double.init) {
            ours.sum += value
            ours.squares += value * value
            ours.absolute += abs(value)
        }
        let n = Double(values.count)
        let rounding = n * .ulpOfOne
        XCTAssertLessThanOrEqual(abs(ours.sum - sum), n * limit + rounding * ours.absolute,
                                 "\(what): sum \(ours.sum), reference \(sum)", file: file, line: line)
        XCTAssertLessThanOrEqual(abs(ours.squares - sumOfSquares), limit * (2 * ours.absolute + n * limit) + rounding * ours.squares,
                                 "\(what): sum of squares \(ours.squares), reference \(sumOfSquares)", file: file, line: line)
    }

    /// Bit for bit: every sampled value, and the hash of all the values' float32 bytes.
    public func assertBitExact(_ values: [Float], shape: [Int], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        guard checkShape(values, shape, what, file: file, line: line) else { return }
        let differing = sampled(values).filter { $0.ours.bitPattern != Float($0.reference).bitPattern }.count
        XCTAssertEqual(differing, 0, "\(what): \(differing) of the sampled values differ", file: file, line: line)
        XCTAssertEqual(Self.fnv1a64(values), fnv1a64, "\(what): the hash of all values differs", file: file, line: line)
    }

    private func checkShape(_ values: [Float], _ shape: [Int], _ what: String, file: StaticString, line: UInt) -> Bool {
        XCTAssertEqual(shape, self.shape, "\(what): shape", file: file, line: line)
        XCTAssertEqual(values.count, self.shape.reduce(1, *), "\(what): value count", file: file, line: line)
        if let sample, let stride {
            XCTAssertEqual(sample.count, (values.count + stride - 1) / stride, "\(what): golden sample size", file: file, line: line)
        }
        return shape == self.shape && values.count == shape.reduce(1, *)
    }

    private func sampled(_ values: [Float]) -> [(ours: Float, reference: Double)] {
        guard let sample, let stride else { return [] }
        return zip(Swift.stride(from: 0, to: values.count, by: stride), sample).map { (values[$0.0], $0.1) }
    }

    /// FNV-1a, 64 bits, over the little-endian float32 bytes (as `make_fixtures.py` computes it).
    static func fnv1a64(_ values: [Float]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in values {
            var bits = value.bitPattern
            for _ in 0..<4 {
                hash = (hash ^ UInt64(bits & 0xff)) &* 0x100_0000_01b3
                bits >>= 8
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
