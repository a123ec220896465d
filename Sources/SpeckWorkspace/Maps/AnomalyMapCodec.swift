import Foundation
import SpeckDetectors

/// The cached anomaly map format: half the size of Float32 and precise enough
/// to paint (float16 keeps 3 significant digits; maps are shown as colours).
///
///     "SPKMAP16" | width (UInt32 LE) | height (UInt32 LE) | width*height float16 LE
public enum AnomalyMapCodec {
    static let magic = Array("SPKMAP16".utf8)
    static let headerSize = 16

    public static func encode(_ map: AnomalyMap) -> Data {
        var data = Data(capacity: headerSize + map.values.count * 2)
        data.append(contentsOf: magic)
        withUnsafeBytes(of: UInt32(map.width).littleEndian) { data.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(map.height).littleEndian) { data.append(contentsOf: $0) }
        let halves = map.values.map { Float16($0).bitPattern.littleEndian }
        halves.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    /// The map in `data`, or nil when it is not a complete map file.
    public static func decode(_ data: Data) -> AnomalyMap? {
        guard data.count >= headerSize, Array(data.prefix(magic.count)) == magic else { return nil }
        return data.withUnsafeBytes { raw -> AnomalyMap? in
            let width = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
            let height = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt32.self)))
            let count = width * height
            guard raw.count == headerSize + count * 2 else { return nil }
            var values = [Float](repeating: 0, count: count)
            for i in 0 ..< count {
                let bits = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: headerSize + i * 2, as: UInt16.self))
                values[i] = Float(Float16(bitPattern: bits))
            }
            return AnomalyMap(width: width, height: height, values: values)
        }
    }
}
