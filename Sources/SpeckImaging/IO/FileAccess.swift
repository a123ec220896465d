import Foundation

/// Whole-file reads and atomic writes with errors that name the file and say why,
/// in the user's terms (no errno numbers).
enum FileAccess {
    /// Reads the whole file. Fails with a reason for missing files, folders,
    /// permission problems, symlink loops and empty files.
    static func readAll(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw ImageError(path: path, reason: reasonForErrno(errno, path: path)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ImageError(path: path, reason: reasonForErrno(errno, path: path)) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw ImageError(path: path, reason: "is a folder, not an image file") }
        let size = Int(info.st_size)
        if size == 0 && (info.st_mode & S_IFMT) == S_IFREG { throw ImageError(path: path, reason: "empty file (0 bytes)") }
        var bytes = [UInt8](repeating: 0, count: max(size, 0))
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ImageError(path: path, reason: reasonForErrno(errno, path: path))
            }
            if n == 0 { break } // file shrank while reading
            filled += n
        }
        bytes.removeLast(bytes.count - filled)
        if bytes.isEmpty { throw ImageError(path: path, reason: "empty file (0 bytes)") }
        return bytes
    }

    /// Writes `bytes` next to `path` under a temporary name, flushes, then renames over `path`,
    /// so a reader never sees a half-written file.
    static func writeAtomically(_ bytes: UnsafeRawBufferPointer, to path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 { throw ImageError(path: path, reason: "cannot write: " + reasonForErrno(errno, path: directory.isEmpty ? "." : directory)) }
        var written = 0
        while written < bytes.count {
            let n = write(fd, bytes.baseAddress! + written, bytes.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                let reason = reasonForErrno(errno, path: path)
                close(fd); unlink(temporary)
                throw ImageError(path: path, reason: "cannot write: " + reason)
            }
            written += n
        }
        if fsync(fd) != 0 || close(fd) != 0 {
            let reason = reasonForErrno(errno, path: path)
            unlink(temporary)
            throw ImageError(path: path, reason: "cannot write: " + reason)
        }
        if rename(temporary, path) != 0 {
            let reason = reasonForErrno(errno, path: path)
            unlink(temporary)
            throw ImageError(path: path, reason: "cannot write: " + reason)
        }
    }

    /// A plain-words reason for a failed open/stat/read.
    static func reasonForErrno(_ code: Int32, path: String) -> String {
        switch code {
        case ENOENT:
            var info = stat()
            if lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
                return "broken symbolic link (its target does not exist)"
            }
            return "no such file or folder"
        case EACCES, EPERM: return "no read permission"
        case ELOOP: return "symbolic link loop"
        case EISDIR: return "is a folder, not an image file"
        case ENOTDIR: return "a part of the path is not a folder"
        case ENAMETOOLONG: return "path too long"
        case EIO: return "input/output error while reading"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}
