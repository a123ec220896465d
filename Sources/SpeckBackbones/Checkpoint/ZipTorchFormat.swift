import SpeckTensor

/// The `torch.save` zip format (PyTorch >= 1.6): `<prefix>/data.pkl` holds the
/// state-dict pickle, `<prefix>/data/<key>` the raw bytes of each storage.
enum ZipTorchFormat {
    static func load(_ bytes: UnsafeRawBufferPointer, path: String) throws(CheckpointError) -> [String: Tensor] {
        let archive = try ZipArchive(bytes, path: path)
        guard let pickle = archive.entries.first(where: { $0.name == "data.pkl" || $0.name.hasSuffix("/data.pkl") }) else {
            throw CheckpointError(path: path, reason: .unsupportedZip("no data.pkl entry: not a PyTorch checkpoint"))
        }
        let prefix = String(pickle.name.dropLast("data.pkl".count))
        let pickleBytes = UnsafeRawBufferPointer(rebasing: bytes[pickle.dataOffset..<pickle.dataOffset + pickle.size])
        let stateDict: PickleValue
        do { stateDict = try Unpickler.load(pickleBytes, at: 0).value } catch { throw TensorMaterialiser.checkpointError(error, path: path) }
        let entries = try TensorMaterialiser.stateDictEntries(stateDict, path: path)
        var byName: [String: ZipArchive.Entry] = [:]
        for entry in archive.entries { byName[entry.name] = entry }

        var tensors: [String: Tensor] = [:]
        for (name, reference) in entries {
            let key = reference.storage.key
            guard let entry = byName[prefix + "data/" + key] else { throw CheckpointError(path: path, reason: .missingStorage(key)) }
            let expected = reference.storage.elementCount * reference.storage.type.byteSize
            guard entry.size >= expected else {
                throw CheckpointError(path: path, reason: .truncatedStorage(key: key, expectedBytes: expected, foundBytes: entry.size))
            }
            let storage = UnsafeRawBufferPointer(rebasing: bytes[entry.dataOffset..<entry.dataOffset + expected])
            tensors[name] = try TensorMaterialiser.tensor(reference, storage: storage, name: name, path: path)
        }
        return tensors
    }
}
