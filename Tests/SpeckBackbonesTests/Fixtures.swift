import Foundation
import SpeckTensor
import XCTest

/// Locates the shared, read-only reference data: `$SPECK_SHARED`, else
/// `<repo>/../shared`.
enum Fixtures {
    static var shared: URL {
        if let path = ProcessInfo.processInfo.environment["SPECK_SHARED"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    }

    static func path(_ relative: String) -> String { shared.appendingPathComponent(relative).path }

    /// A raw little-endian float32 file, with the shape it is known to have.
    static func tensor(_ relative: String, shape: [Int]) throws -> Tensor {
        let data = try Data(contentsOf: URL(fileURLWithPath: path(relative)))
        let count = shape.reduce(1, *)
        XCTAssertEqual(data.count, count * 4, "\(relative) has \(data.count) bytes, expected \(count * 4)")
        let values = data.withUnsafeBytes { raw in
            (0..<count).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        return Tensor(shape: shape, data: values)
    }

    /// The fixtures' pass criterion: max|port - ref| <= 1e-4 * max|ref|.
    static func assertClose(_ actual: Tensor, _ expected: Tensor, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.shape, expected.shape, "\(what): shape", file: file, line: line)
        guard actual.shape == expected.shape else { return }
        let difference = actual.maxAbsDifference(to: expected)
        let limit = 1e-4 * expected.maxAbs
        XCTAssertLessThanOrEqual(difference, limit, "\(what): max abs difference \(difference) > \(limit) (max|ref| \(expected.maxAbs))",
                                 file: file, line: line)
    }

    static func topK(_ values: [Float], _ k: Int) -> [Int] {
        Array(values.indices.sorted { values[$0] > values[$1] }.prefix(k))
    }
}
