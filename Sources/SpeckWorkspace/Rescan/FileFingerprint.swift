import Foundation

/// Size and modification time of a file: the cheap test of "has it changed".
public struct FileFingerprint: Sendable, Equatable {
    public var size: Int64
    public var mtimeNanoseconds: Int64

    public init(size: Int64, mtimeNanoseconds: Int64) {
        self.size = size
        self.mtimeNanoseconds = mtimeNanoseconds
    }

    /// The fingerprint of a regular file (following symbolic links), or nil.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        size = Int64(info.st_size)
        mtimeNanoseconds = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}
