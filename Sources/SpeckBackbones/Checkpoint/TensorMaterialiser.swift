import SpeckTensor

/// Turns a tensor description (storage bytes + offset/size/stride) into a
/// contiguous Float32 `Tensor`, applying the strides (the EfficientNet-Lite0
/// checkpoint stores its kernels in TF memory order), checking every bound and
/// refusing NaN and infinity.
enum TensorMaterialiser {
    /// `storage` must hold exactly `reference.storage.elementCount` elements.
    static func tensor(_ reference: TensorReference, storage: UnsafeRawBufferPointer, name: String,
                       path: String) throws(CheckpointError) -> Tensor {
        let type = reference.storage.type
        let available = reference.storage.elementCount
        guard storage.count >= available * type.byteSize else {
            throw CheckpointError(path: path, reason: .truncatedStorage(
                key: reference.storage.key, expectedBytes: available * type.byteSize, foundBytes: storage.count))
        }
        let size = reference.size, stride = reference.stride
        guard size.allSatisfy({ $0 >= 0 }), stride.allSatisfy({ $0 >= 0 }), reference.offset >= 0 else {
            throw CheckpointError(path: path, reason: .sizeMismatch("\(name) has a negative size, stride or offset"))
        }
        let (count, overflow) = size.reduce((1, false)) { acc, d in
            let r = acc.0.multipliedReportingOverflow(by: d); return (r.partialValue, acc.1 || r.overflow)
        }
        guard !overflow, count <= available || count == 0 else {
            throw CheckpointError(path: path, reason: .sizeMismatch("\(name) has \(size) elements but its storage holds \(available)"))
        }
        if count > 0 {
            let lastIndex = reference.offset + zip(size, stride).reduce(0) { $0 + ($1.0 - 1) * $1.1 }
            guard lastIndex < available else {
                throw CheckpointError(path: path, reason: .sizeMismatch(
                    "\(name) with size \(size), stride \(stride), offset \(reference.offset) reaches past its storage of \(available) elements"))
            }
        }
        let base = storage.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        var data = [Float](repeating: 0, count: count)
        if count > 0 {
            data.withUnsafeMutableBufferPointer { out in
                copyStrided(type: type, base: base, offset: reference.offset, size: size, stride: stride, into: out.baseAddress!)
            }
        }
        if let element = data.firstIndex(where: { !$0.isFinite }) {
            throw CheckpointError(path: path, reason: .nonFiniteValue(tensor: name, element: element, value: "\(data[element])"))
        }
        return Tensor(shape: size, data: data)
    }

    private static func copyStrided(type: StorageType, base: UnsafeRawPointer, offset: Int, size: [Int], stride: [Int],
                                    into out: UnsafeMutablePointer<Float>) {
        var index = [Int](repeating: 0, count: size.count)
        var source = offset
        let count = size.reduce(1, *)
        for i in 0..<count {
            out[i] = type.load(base, source)
            // advance the multi-index, last dimension fastest
            var d = size.count - 1
            while d >= 0 {
                index[d] += 1
                source += stride[d]
                if index[d] < size[d] { break }
                source -= stride[d] * size[d]
                index[d] = 0
                d -= 1
            }
        }
    }

    /// The `name -> tensor reference` pairs of an unpickled state dict. A dict
    /// wrapping the state dict under "state_dict" or "model" is unwrapped.
    static func stateDictEntries(_ value: PickleValue, path: String) throws(CheckpointError) -> [(String, TensorReference)] {
        guard case .dict(let dict) = value else {
            throw CheckpointError(path: path, reason: .malformedPickle("the top-level object is a \(value.kindName), not a state dict"))
        }
        var tensors: [(String, TensorReference)] = []
        for entry in dict.entries {
            if let name = entry.key.asString, case .tensor(let reference) = entry.value { tensors.append((name, reference)) }
        }
        if tensors.isEmpty {
            for entry in dict.entries where ["state_dict", "model"].contains(entry.key.asString ?? "") {
                if case .dict = entry.value { return try stateDictEntries(entry.value, path: path) }
            }
            throw CheckpointError(path: path, reason: .noTensors)
        }
        return tensors
    }

    static func checkpointError(_ failure: Unpickler.Failure, path: String) -> CheckpointError {
        switch failure {
        case .truncated: return CheckpointError(path: path, reason: .truncatedPickle)
        case .unknownOpcode(let op, let offset): return CheckpointError(path: path, reason: .unknownOpcode(op, offset: offset))
        case .forbiddenGlobal(let name): return CheckpointError(path: path, reason: .forbiddenGlobal(name))
        case .malformed(let why): return CheckpointError(path: path, reason: .malformedPickle(why))
        }
    }
}
