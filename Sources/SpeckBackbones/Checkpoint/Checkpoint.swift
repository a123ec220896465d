import Foundation
import SpeckTensor

/// Reads PyTorch checkpoints without Python: legacy `.pth`, zip `.pth` and
/// safetensors. Every tensor comes back as contiguous Float32 (float16,
/// bfloat16, float64 and integer storages are converted) and finite: a NaN or
/// infinity is refused with the tensor's name. The pickle reader is
/// allow-listed: it builds state dicts and refuses everything else. A file
/// that claims to be a `PublishedCheckpoint` must match its published SHA-256.
public enum Checkpoint {
    public static func load(path: String) throws -> [String: Tensor] {
        try loadVerifyingPublished(path: path).tensors
    }

    /// The tensors, and the file's SHA-256 when it was computed to verify a
    /// published checkpoint (so that the caller need not hash the file again).
    static func loadVerifyingPublished(path: String) throws -> (tensors: [String: Tensor], sha256: String?) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw CheckpointError(path: path, reason: .unreadable((error as NSError).localizedDescription))
        }
        var sha256: String?
        let tensors = try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) throws(CheckpointError) -> [String: Tensor] in
            sha256 = try verifyPublishedDigest(bytes, path: path)
            return try load(bytes: bytes, path: path)
        }
        return (tensors, sha256)
    }

    /// The file's SHA-256 when it claims to be a published checkpoint and the
    /// digest matches; nil for a file that claims nothing.
    private static func verifyPublishedDigest(_ bytes: UnsafeRawBufferPointer, path: String) throws(CheckpointError) -> String? {
        guard let claim = PublishedCheckpoint.claimed(by: bytes, path: path) else { return nil }
        let actual = SHA256.hex(of: bytes)
        guard claim.checkpoint.matches(sha256: actual) else {
            throw CheckpointError(path: path, reason: .notThePublishedFile(claim.checkpoint, evidence: claim.evidence, actualSHA256: actual))
        }
        return actual
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
