/// Why a checkpoint file could not be read. The description names the file.
public struct CheckpointError: Error, CustomStringConvertible, Equatable {
    public enum Reason: Equatable, Sendable {
        case unreadable(String)
        case empty
        case unknownFormat
        case truncatedZip
        case unsupportedZip(String)
        case truncatedPickle
        case unknownOpcode(UInt8, offset: Int)
        case forbiddenGlobal(String)
        case malformedPickle(String)
        case badMagic
        case truncatedStorage(key: String, expectedBytes: Int, foundBytes: Int)
        case missingStorage(String)
        case sizeMismatch(String)
        case headerLengthExceedsFile(headerLength: UInt64, fileSize: Int)
        case malformedHeader(String)
        case unsupportedDType(String)
        case noTensors
        /// `value` is how Swift prints it: "nan", "inf" or "-inf".
        case nonFiniteValue(tensor: String, element: Int, value: String)
        /// `evidence`: what says the file is the published one ("its name").
        case notThePublishedFile(PublishedCheckpoint, evidence: String, actualSHA256: String)
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reasonText)" }

    public var reasonText: String {
        switch reason {
        case .unreadable(let why): return "cannot read the file (\(why))"
        case .empty: return "empty / too short to be a checkpoint"
        case .unknownFormat: return "not a checkpoint: neither a PyTorch zip, a legacy PyTorch file nor safetensors"
        case .truncatedZip: return "EOCD not found: truncated or damaged zip checkpoint (no central directory)"
        case .unsupportedZip(let why): return "unsupported zip checkpoint: \(why)"
        case .truncatedPickle: return "pickle truncated: the file ends before the pickle's STOP"
        case .unknownOpcode(let op, let offset):
            return "pickle uses opcode 0x\(String(op, radix: 16)) at byte \(offset), which a state dict does not need; refusing"
        case .forbiddenGlobal(let name):
            return "forbidden global \(name) in the pickle: only state-dict classes are allowed, refusing to load"
        case .malformedPickle(let why): return "malformed pickle: \(why)"
        case .badMagic: return "legacy PyTorch file with a wrong magic number"
        case .truncatedStorage(let key, let expected, let found):
            return "truncated: storage '\(key)' expected \(expected) bytes, found \(found)"
        case .missingStorage(let key): return "storage '\(key)' is missing from the file"
        case .sizeMismatch(let why): return "size mismatch: \(why)"
        case .headerLengthExceedsFile(let length, let size):
            return "safetensors header length \(length) exceeds file size \(size)"
        case .malformedHeader(let why): return "malformed safetensors header: \(why)"
        case .unsupportedDType(let name): return "unsupported tensor type \(name)"
        case .noTensors: return "the checkpoint holds no tensors"
        case .nonFiniteValue(let tensor, let element, let value):
            return "tensor \(tensor) holds \(value) at element \(element): the weights are damaged or diverged, refusing to use them"
        case .notThePublishedFile(let published, let evidence, let actual):
            return "claims by \(evidence) to be \(published.title), but \(published.mismatch(actual: actual))"
        }
    }
}
