import Foundation

extension Workspace {
    /// Every image row, missing ones included, by path.
    public func images() throws -> [ImageRecord] {
        try store.images()
    }

    public func image(path relativePath: String) throws -> ImageRecord? {
        try store.image(path: relativePath)
    }

    /// What a path given to `resolveImages` is relative to.
    public enum PathBase: Sendable {
        /// The current folder (paths typed on the command line).
        case currentFolder
        /// The image root (paths in label files and the database).
        case imageRoot
    }

    /// The image rows for `paths`, adding files not seen by a rescan yet. Each
    /// path that cannot be used comes back as a problem naming it and why.
    public func resolveImages(paths: [String], relativeTo base: PathBase = .currentFolder) throws
        -> (images: [ImageRecord], problems: [String]) {
        var images: [ImageRecord] = []
        var problems: [String] = []
        for path in paths {
            let located = base == .imageRoot && !path.hasPrefix("/") ? location.absolutePath(ofImage: path) : path
            guard let relative = location.relativePath(of: located) else {
                problems.append(WorkspaceError.outsideImageRoot(path: path, root: location.imageRoot.path).description)
                continue
            }
            if let known = try image(path: relative), known.missingSince == nil {
                images.append(known)
                continue
            }
            guard let fingerprint = FileFingerprint(path: location.absolutePath(ofImage: relative)) else {
                problems.append(WorkspaceError.noSuchFile(path).description)
                continue
            }
            images.append(try register(relativePath: relative, fingerprint: fingerprint))
        }
        return (images, problems)
    }

    /// Records a file found outside a rescan (or brings a missing one back).
    private func register(relativePath: String, fingerprint: FileFingerprint) throws -> ImageRecord {
        try store.registerImage(path: relativePath, size: fingerprint.size, mtimeNanoseconds: fingerprint.mtimeNanoseconds)
    }

    /// Records whether an image decoded, its size or why it failed.
    public func recordDecode(imageId: Int64, width: Int?, height: Int?, error: String?) throws {
        try store.recordDecode(imageId: imageId, width: width, height: height, error: error)
    }
}
