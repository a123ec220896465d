import Foundation
import SpeckDetectors

/// The file kept beside a cached anomaly map with the nearest stored patch of
/// every cell (`NearestPatchRecord`), so evidence needs no backbone pass.
/// Little-endian; the magic names the version:
///
///     "SPKNEAR1" | image width, height | map width, height | hottest cell | parts (UInt32 each) | score (Float32)
///     per part: grid width, height (UInt32) | cells x index (Int32) | cells x distance (Float32)
public enum NearestPatchRecordCodec {
    static let magic = Array("SPKNEAR1".utf8)
    static let headerFields = 6

    public static func encode(_ record: NearestPatchRecord) -> Data {
        var data = Data(magic)
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        for value in [record.imageWidth, record.imageHeight, record.mapWidth, record.mapHeight, record.hottestCell, record.parts.count] {
            put(UInt32(value))
        }
        put(record.score.bitPattern)
        for part in record.parts {
            put(UInt32(part.gridWidth))
            put(UInt32(part.gridHeight))
            for index in part.indices { put(index) }
            for distance in part.distances { put(distance.bitPattern) }
        }
        return data
    }

    /// The record in `data`, or nil when it is not a complete record file.
    public static func decode(_ data: Data) -> NearestPatchRecord? {
        var reader = Reader(bytes: [UInt8](data))
        guard reader.take(magic.count) == magic else { return nil }
        var header: [Int] = []
        for _ in 0..<headerFields {
            guard let value = reader.uint32() else { return nil }
            header.append(Int(value))
        }
        guard let scoreBits = reader.uint32() else { return nil }
        var parts: [NearestPatchRecord.Part] = []
        for _ in 0..<header[5] {
            guard let width = reader.uint32().map(Int.init), let height = reader.uint32().map(Int.init),
                  width > 0, height > 0, width * height * 8 <= reader.remaining else { return nil }
            let cells = width * height
            let indices = (0..<cells).map { _ in Int32(bitPattern: reader.uint32()!) }
            let distances = (0..<cells).map { _ in Float(bitPattern: reader.uint32()!) }
            parts.append(NearestPatchRecord.Part(gridWidth: width, gridHeight: height, indices: indices, distances: distances))
        }
        guard reader.remaining == 0 else { return nil }
        return NearestPatchRecord(imageWidth: header[0], imageHeight: header[1], score: Float(bitPattern: scoreBits),
                                  mapWidth: header[2], mapHeight: header[3], hottestCell: header[4], parts: parts)
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0
        var remaining: Int { bytes.count - offset }

        mutating func take(_ count: Int) -> [UInt8]? {
            guard count <= remaining else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<(offset + count)])
        }

        mutating func uint32() -> UInt32? {
            guard remaining >= 4 else { return nil }
            defer { offset += 4 }
            return UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
        }
    }
}
