import Foundation

/// Where a workspace keeps things: the store folder (normally `<root>/.speck`)
/// and the image root whose files it tracks, which may live elsewhere (a
/// read-only shared dataset with its workspace under /tmp).
public struct WorkspaceLocation: Sendable, Equatable {
    public static let defaultFolderName = ".speck"
    public static let databaseName = "speck.sqlite"

    /// The store folder: database, models and cached maps.
    public let storeFolder: URL
    /// The folder whose images the workspace tracks.
    public let imageRoot: URL

    public init(storeFolder: URL, imageRoot: URL) {
        self.storeFolder = storeFolder.standardizedFileURL
        self.imageRoot = imageRoot.standardizedFileURL
    }

    public var databaseURL: URL { storeFolder.appendingPathComponent(Self.databaseName) }
    public var modelsFolder: URL { storeFolder.appendingPathComponent("models", isDirectory: true) }
    public var mapsFolder: URL { storeFolder.appendingPathComponent("maps", isDirectory: true) }

    public func modelURL(file: String) -> URL { modelsFolder.appendingPathComponent(file) }

    /// Makes the store folder with its `models/` and `maps/` folders.
    func createFolders() throws {
        for folder in [storeFolder, modelsFolder, mapsFolder] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }

    /// Absolute path of an image recorded by its root-relative path.
    public func absolutePath(ofImage relativePath: String) -> String {
        imageRoot.path + "/" + relativePath
    }

    /// Root-relative path of a file given on the command line (relative to the
    /// current folder or absolute), or nil when it is outside the image root.
    public func relativePath(of path: String) -> String? {
        let absolute = PathResolution.absolute(path)
        let root = imageRoot.path.hasSuffix("/") ? imageRoot.path : imageRoot.path + "/"
        guard absolute.hasPrefix(root) else { return nil }
        let relative = String(absolute.dropFirst(root.count))
        return relative.isEmpty ? nil : relative
    }

    /// How the image root is recorded in the database: relative to the store
    /// folder when the store sits inside the root (so the folder can be moved),
    /// absolute otherwise.
    var recordedImageRoot: String {
        storeFolder.deletingLastPathComponent().path == imageRoot.path ? ".." : imageRoot.path
    }

    static func imageRoot(recorded: String, storeFolder: URL) -> URL {
        recorded.hasPrefix("/")
            ? URL(fileURLWithPath: recorded, isDirectory: true)
            : storeFolder.appendingPathComponent(recorded, isDirectory: true).standardizedFileURL
    }
}
