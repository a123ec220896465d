import Foundation

/// A recursive listing of regular files under a root, by relative path. Uses readdir's
/// file types so that ordinary files cost no extra system call; symbolic links are
/// followed, and a link leading back to a folder already listed is reported, not followed.
struct DirectoryListing {
    private(set) var files: [String] = []
    private(set) var problems: [DatasetProblem] = []
    private(set) var hidden = 0
    private var visitedFolders: Set<FolderIdentity> = []
    private let root: String

    private struct FolderIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    init(root: String) throws {
        self.root = root
        var info = stat()
        if stat(root, &info) != 0 {
            let reason = errno == ENOENT ? "no such folder" : FileAccess.reasonForErrno(errno, path: root)
            throw ImageError(path: root, reason: reason)
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw ImageError(path: root, reason: "not a folder") }
        guard let handle = opendir(root) else { throw ImageError(path: root, reason: FileAccess.reasonForErrno(errno, path: root)) }
        visitedFolders.insert(FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
        list(handle, relative: "")
    }

    private mutating func list(_ handle: OpaquePointer, relative: String) {
        var folders: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            if name.hasPrefix(".") { hidden += 1; continue }
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): files.append(relativePath)
            case Int32(DT_DIR): folders.append(relativePath)
            default: classifyByStat(relativePath, into: &folders)
            }
        }
        closedir(handle)
        for folder in folders { enter(folder) }
    }

    /// Symbolic links and file systems without d_type: ask stat (which follows links).
    private mutating func classifyByStat(_ relativePath: String, into folders: inout [String]) {
        let path = root + "/" + relativePath
        var info = stat()
        if stat(path, &info) != 0 {
            problems.append(DatasetProblem(path: path, reason: FileAccess.reasonForErrno(errno, path: path)))
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: files.append(relativePath)
        case S_IFDIR: folders.append(relativePath)
        default: problems.append(DatasetProblem(path: path, reason: "not a regular file or folder"))
        }
    }

    private mutating func enter(_ relativePath: String) {
        let path = root + "/" + relativePath
        var info = stat()
        guard stat(path, &info) == 0 else {
            problems.append(DatasetProblem(path: path, reason: FileAccess.reasonForErrno(errno, path: path)))
            return
        }
        let identity = FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        guard !visitedFolders.contains(identity) else {
            problems.append(DatasetProblem(path: path, reason: "symbolic link loop (leads back to a folder already listed)"))
            return
        }
        visitedFolders.insert(identity)
        guard let handle = opendir(path) else {
            problems.append(DatasetProblem(path: path, reason: "cannot list folder: " + FileAccess.reasonForErrno(errno, path: path)))
            return
        }
        list(handle, relative: relativePath)
    }
}
