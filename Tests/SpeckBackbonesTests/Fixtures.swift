import Foundation
import SpeckImaging
import SpeckTensor
import SpeckTestSupport
import XCTest

/// Reference tensors from the shared folder (ResNet fixtures, bottle inputs).
enum Fixtures {
    /// A raw little-endian float32 file under the shared folder, with the shape it is known to have.
    static func sharedTensor(_ relative: String, shape: [Int]) throws -> Tensor {
        let data = try Data(contentsOf: URL(fileURLWithPath: try TestData.shared(relative)))
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

    /// `tensor` against its golden values (see `Golden.assertClose`).
    static func assertClose(_ tensor: Tensor, _ golden: Golden, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        golden.assertClose(tensor.data, shape: tensor.shape, what, file: file, line: line)
    }

    /// A reference image decoded and preprocessed the documented way: shorter side
    /// 256 with antialias, centre crop 224 (values in [0, 1], not normalised).
    static func referenceCrop(_ path: String) throws -> Image {
        try ImageIO.decode(contentsOf: path).asRGB().resizedShorterSide(to: 256).centreCropped(width: 224, height: 224)
    }

    static func topK(_ values: [Float], _ k: Int) -> [Int] {
        Array(values.indices.sorted { values[$0] > values[$1] }.prefix(k))
    }
}
