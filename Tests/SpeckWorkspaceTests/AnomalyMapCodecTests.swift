import SpeckDetectors
import XCTest
@testable import SpeckWorkspace

final class AnomalyMapCodecTests: XCTestCase {
    func testRoundTripKeepsShapeAndFloat16Precision() throws {
        let values: [Float] = [0, 1, -2.5, 0.1, 123.456, 1e-3, 65504, 0.333333]
        let map = AnomalyMap(width: 4, height: 2, values: values)
        let data = AnomalyMapCodec.encode(map)
        XCTAssertEqual(data.count, 16 + 8 * 2)
        let decoded = try XCTUnwrap(AnomalyMapCodec.decode(data))
        XCTAssertEqual(decoded.width, 4)
        XCTAssertEqual(decoded.height, 2)
        for (a, b) in zip(decoded.values, values) {
            XCTAssertEqual(a, b, accuracy: max(abs(b) * 1e-3, 1e-6))
        }
    }

    func testTruncatedOrForeignDataIsRefused() {
        let data = AnomalyMapCodec.encode(AnomalyMap(width: 3, height: 3, values: Array(repeating: 1, count: 9)))
        XCTAssertNil(AnomalyMapCodec.decode(data.dropLast()))
        XCTAssertNil(AnomalyMapCodec.decode(Data("SPECKMDL and more bytes".utf8)))
    }
}
