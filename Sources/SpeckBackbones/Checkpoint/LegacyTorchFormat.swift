import SpeckTensor

/// The pre-1.6 `torch.save` format: five pickles (magic number, protocol,
/// sys info, the state dict, the storage keys) followed by one record per
/// storage, in key-list order: an int64 element count and the raw data.
enum LegacyTorchFormat {
    static let magic: [UInt8] = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]

    static func matches(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= magic.count && zip(bytes.prefix(magic.count), magic).allSatisfy { $0 == $1 }
    }

    static func load(_ bytes: UnsafeRawBufferPointer, path: String) throws(CheckpointError) -> [String: Tensor] {
        func unpickle(at offset: Int) throws(CheckpointError) -> (value: PickleValue, end: Int) {
            do { return try Unpickler.load(bytes, at: offset) } catch { throw TensorMaterialiser.checkpointError(error, path: path) }
        }
        let magicNumber = try unpickle(at: 0)
        guard magicNumber.end == magic.count + 1 else { throw CheckpointError(path: path, reason: .badMagic) }
        let protocolVersion = try unpickle(at: magicNumber.end)
        guard protocolVersion.value.asInt == 1001 else {
            throw CheckpointError(path: path, reason: .malformedPickle("protocol version \(protocolVersion.value.asInt.map(String.init) ?? "?") is not 1001"))
        }
        let systemInfo = try unpickle(at: protocolVersion.end)
        let stateDict = try unpickle(at: systemInfo.end)
        let keyList = try unpickle(at: stateDict.end)
        guard case .list(let keys) = keyList.value else {
            throw CheckpointError(path: path, reason: .malformedPickle("the storage key list is a \(keyList.value.kindName)"))
        }
        let entries = try TensorMaterialiser.stateDictEntries(stateDict.value, path: path)
        var storageOf: [String: StorageReference] = [:]
        for (_, reference) in entries { storageOf[reference.storage.key] = reference.storage }

        // Walk the records in key order; check each against its pickled length.
        var records: [String: UnsafeRawBufferPointer] = [:]
        var offset = keyList.end
        for item in keys.items {
            guard let key = item.asString else { throw CheckpointError(path: path, reason: .malformedPickle("a storage key is not a string")) }
            guard let storage = storageOf[key] else {
                throw CheckpointError(path: path, reason: .malformedPickle("storage '\(key)' is listed but no tensor uses it"))
            }
            guard bytes.count - offset >= 8 else {
                throw CheckpointError(path: path, reason: .truncatedStorage(key: key, expectedBytes: storage.elementCount * storage.type.byteSize,
                                                                            foundBytes: 0))
            }
            let count = Int(Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
            guard count == storage.elementCount else {
                throw CheckpointError(path: path, reason: .sizeMismatch("storage '\(key)' has \(count) elements, the pickle says \(storage.elementCount)"))
            }
            offset += 8
            let expected = count * storage.type.byteSize
            let found = min(expected, bytes.count - offset)
            guard found == expected else {
                throw CheckpointError(path: path, reason: .truncatedStorage(key: key, expectedBytes: expected, foundBytes: found))
            }
            records[key] = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + expected])
            offset += expected
        }
        var tensors: [String: Tensor] = [:]
        for (name, reference) in entries {
            guard let record = records[reference.storage.key] else {
                throw CheckpointError(path: path, reason: .missingStorage(reference.storage.key))
            }
            tensors[name] = try TensorMaterialiser.tensor(reference, storage: record, name: name, path: path)
        }
        return tensors
    }
}
