import Foundation
import SpeckTensor

/// Reads PyTorch checkpoints without Python: legacy `.pth`, zip `.pth` and
/// safetensors. Every tensor comes back as contiguous Float32 (float16,
/// bfloat16, float64 and integer storages are converted). The pickle reader
/// is allow-listed: it builds state dicts and refuses everything else.
public enum Checkpoint {
    public static func load(path: String) throws -> [String: Tensor] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw CheckpointError(path: path, reason: .unreadable((error as NSError).localizedDescription))
        }
        return try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws(CheckpointError) -> [String: Tensor] in
            try load(bytes: bytes, path: path)
        }
    }

    static func load(bytes: UnsafeRawBufferPointer, path: String) throws(CheckpointError) -> [String: Tensor] {
        guard bytes.count >= 8 else { throw CheckpointError(path: path, reason: .empty) }
        if ZipArchive.matches(bytes) { return try ZipTorchFormat.load(bytes, path: path) }
        if LegacyTorchFormat.matches(bytes) { return try LegacyTorchFormat.load(bytes, path: path) }
        if SafetensorsFormat.matches(bytes) || SafetensorsFormat.looksDamaged(bytes) {
            return try SafetensorsFormat.load(bytes, path: path)
        }
        if bytes[0] == 0x80 && bytes[1] >= 2 && bytes[1] <= 5 {
            // A bare pickle: read it (the allow-list applies) to report why it is not usable.
            do { _ = try Unpickler.load(bytes, at: 0) } catch { throw TensorMaterialiser.checkpointError(error, path: path) }
            throw CheckpointError(path: path, reason: .unknownFormat)
        }
        throw CheckpointError(path: path, reason: .unknownFormat)
    }
}
