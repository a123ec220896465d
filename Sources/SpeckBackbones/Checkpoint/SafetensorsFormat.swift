import Foundation
import SpeckTensor

/// safetensors: a u64 header length `n`, `n` bytes of JSON
/// (`name: {dtype, shape, data_offsets}`), then the data block.
enum SafetensorsFormat {
    /// The header length, when the file plausibly is safetensors.
    static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 9 else { return false }
        let n = headerLength(bytes)
        return n <= UInt64(bytes.count - 8) && bytes[8] == UInt8(ascii: "{")
    }

    /// Header length field that is out of range but followed by JSON: a damaged safetensors file.
    static func looksDamaged(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 9 && bytes[8] == UInt8(ascii: "{") && headerLength(bytes) > UInt64(bytes.count - 8)
    }

    static func headerLength(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
    }

    static func load(_ bytes: UnsafeRawBufferPointer, path: String) throws(CheckpointError) -> [String: Tensor] {
        func malformed(_ why: String) -> CheckpointError { CheckpointError(path: path, reason: .malformedHeader(why)) }
        let n = headerLength(bytes)
        // Compare against the remaining size: `8 + n` could overflow.
        guard n <= UInt64(bytes.count - 8) else {
            throw CheckpointError(path: path, reason: .headerLengthExceedsFile(headerLength: n, fileSize: bytes.count))
        }
        let headerEnd = 8 + Int(n)
        let json = Data(UnsafeRawBufferPointer(rebasing: bytes[8..<headerEnd]))
        guard let header = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any] else {
            throw malformed("the header is not a JSON object")
        }
        let dataSize = bytes.count - headerEnd
        var tensors: [String: Tensor] = [:]
        for (name, value) in header where name != "__metadata__" {
            guard let info = value as? [String: Any], let dtypeName = info["dtype"] as? String,
                  let shape = (info["shape"] as? [NSNumber])?.map(\.intValue),
                  let offsets = (info["data_offsets"] as? [NSNumber])?.map(\.intValue), offsets.count == 2 else {
                throw malformed("entry \(name) lacks dtype, shape or data_offsets")
            }
            guard let type = StorageType(safetensorsName: dtypeName) else {
                throw CheckpointError(path: path, reason: .unsupportedDType("\(dtypeName) (\(name))"))
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard begin >= 0, begin <= end, end <= dataSize else {
                throw CheckpointError(path: path, reason: .truncatedStorage(key: name, expectedBytes: max(0, end - begin),
                                                                            foundBytes: max(0, min(end, dataSize) - max(begin, 0))))
            }
            guard shape.allSatisfy({ $0 >= 0 && $0 < 1 << 40 }) else { throw malformed("entry \(name) has a bad shape \(shape)") }
            let count = shape.reduce(1, *)
            guard count <= (end - begin) / type.byteSize, count * type.byteSize == end - begin else {
                throw CheckpointError(path: path, reason: .sizeMismatch("\(name) has shape \(shape) of \(dtypeName) but \(end - begin) bytes"))
            }
            let strides = shape.indices.map { shape[($0 + 1)...].reduce(1, *) }
            let reference = TensorReference(storage: StorageReference(type: type, key: name, elementCount: count),
                                            offset: 0, size: shape, stride: strides)
            let storage = UnsafeRawBufferPointer(rebasing: bytes[headerEnd + begin..<headerEnd + end])
            tensors[name] = try TensorMaterialiser.tensor(reference, storage: storage, name: name, path: path)
        }
        guard !tensors.isEmpty else { throw CheckpointError(path: path, reason: .noTensors) }
        return tensors
    }
}
