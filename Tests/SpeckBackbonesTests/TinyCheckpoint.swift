import Foundation

/// Small checkpoints written byte by byte in each format Speck reads, so
/// that tests need neither Python nor the shared fixtures.
enum TinyCheckpoint {
    struct Entry {
        var name: String
        /// A safetensors dtype: "F32", "F16", "F64", ...
        var dtype: String
        var shape: [Int]
        var bytes: [UInt8]

        static func float32(_ name: String, _ values: [Float]) -> Entry {
            Entry(name: name, dtype: "F32", shape: [values.count], bytes: values.flatMap { littleEndian($0.bitPattern) })
        }
    }

    static func safetensors(_ entries: [Entry]) -> Data {
        var header: [String: Any] = [:]
        var data: [UInt8] = []
        for entry in entries {
            header[entry.name] = ["dtype": entry.dtype, "shape": entry.shape, "data_offsets": [data.count, data.count + entry.bytes.count]]
            data += entry.bytes
        }
        let json = try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        return Data(littleEndian(UInt64(json.count)) + [UInt8](json) + data)
    }

    /// `torch.save` (zip) of `{name: FloatTensor(values)}`.
    static func torchZip(name: String, values: [Float]) -> Data {
        var zip = ZipWriter()
        zip.add("archive/data.pkl", stateDictPickle(name: name, count: values.count))
        zip.add("archive/data/0", values.flatMap { littleEndian($0.bitPattern) })
        return Data(zip.finished())
    }

    /// Legacy `torch.save` of `{name: FloatTensor(values)}`: magic, protocol,
    /// system info, state dict and key list pickles, then the storage record.
    static func legacyTorch(name: String, values: [Float]) -> Data {
        let magic: [UInt8] = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e]
        let protocolVersion: [UInt8] = [0x80, 0x02, 0x4d] + littleEndian(UInt16(1001)) + [0x2e]
        let systemInfo: [UInt8] = [0x80, 0x02, 0x7d, 0x2e]
        let keys: [UInt8] = [0x80, 0x02, 0x5d, 0x28] + shortString("0") + [0x65, 0x2e]
        let record = littleEndian(Int64(values.count)) + values.flatMap { littleEndian($0.bitPattern) }
        return Data(magic + protocolVersion + systemInfo + stateDictPickle(name: name, count: values.count) + keys + record)
    }

    /// `{name: _rebuild_tensor_v2(storage '0' of `count` floats, 0, (count,), (1,))}`, pickle protocol 2.
    private static func stateDictPickle(name: String, count: Int) -> [UInt8] {
        let persistentID: [UInt8] = [0x28] + shortString("storage") + global("torch", "FloatStorage")
            + shortString("0") + shortString("cpu") + int(count) + [0x74]   // MARK ... TUPLE
        let arguments: [UInt8] = [0x28] + persistentID + [0x51]              // MARK, BINPERSID
            + int(0) + int(count) + [0x85] + int(1) + [0x85] + [0x89, 0x74]  // offset, (size,), (stride,), False, TUPLE
        return [0x80, 0x02, 0x7d] + shortString(name) + global("torch._utils", "_rebuild_tensor_v2") + arguments
            + [0x52, 0x73, 0x2e]                                             // REDUCE, SETITEM, STOP
    }

    private static func shortString(_ text: String) -> [UInt8] { [0x8c, UInt8(text.utf8.count)] + Array(text.utf8) }
    private static func global(_ module: String, _ name: String) -> [UInt8] { [0x63] + Array("\(module)\n\(name)\n".utf8) }
    private static func int(_ value: Int) -> [UInt8] { [0x4a] + littleEndian(Int32(value)) }

    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }

    /// A stored (uncompressed) zip, as `torch.save` writes it; CRCs are left 0 (Speck does not read them).
    private struct ZipWriter {
        private var bytes: [UInt8] = []
        private var directory: [UInt8] = []
        private var count = 0

        mutating func add(_ name: String, _ data: [UInt8]) {
            let offset = bytes.count
            let sizes = littleEndian(UInt32(0)) + littleEndian(UInt32(data.count)) + littleEndian(UInt32(data.count))  // crc, sizes
            let nameLength = littleEndian(UInt16(name.utf8.count))
            bytes += littleEndian(UInt32(0x0403_4b50)) + [20, 0, 0, 0, 0, 0, 0, 0, 0, 0] + sizes + nameLength + [0, 0]
                + Array(name.utf8) + data
            directory += littleEndian(UInt32(0x0201_4b50)) + [20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0] + sizes + nameLength
                + [UInt8](repeating: 0, count: 12) + littleEndian(UInt32(offset)) + Array(name.utf8)
            count += 1
        }

        func finished() -> [UInt8] {
            let end = littleEndian(UInt32(0x0605_4b50)) + [0, 0, 0, 0] + littleEndian(UInt16(count)) + littleEndian(UInt16(count))
                + littleEndian(UInt32(directory.count)) + littleEndian(UInt32(bytes.count)) + [0, 0]
            return bytes + directory + end
        }
    }
}
