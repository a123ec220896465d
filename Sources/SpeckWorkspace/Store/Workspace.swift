import Foundation
import GRDB

/// A durable store of images, models, scores, cached anomaly maps and labels
/// for one image root: rows in a `WorkspaceStore` (SQLite in the store folder
/// by default, or a shared PostgreSQL database), model files and maps as
/// files under the store folder (for PostgreSQL, the `--blobs` folder every
/// machine mounts).
public final class Workspace: Sendable {
    public let location: WorkspaceLocation
    let store: any WorkspaceStore

    init(location: WorkspaceLocation, store: any WorkspaceStore) {
        self.location = location
        self.store = store
    }

    /// Names where the rows live (a path, or a connection string without its password).
    public var storeDescription: String { store.description }

    /// The SQLite database of a workspace kept in SQLite (tests and SQLite-only checks).
    public var database: DatabasePool {
        guard let sqlite = store as? SQLiteStore else {
            preconditionFailure("the workspace in \(store.description) is not kept in SQLite")
        }
        return sqlite.database
    }

    /// Makes a new workspace tracking `imageRoot`, stored in `storeFolder`
    /// (default `<imageRoot>/.speck`).
    public static func create(imageRoot: String, storeFolder: String? = nil) throws -> Workspace {
        let root = try existingImageRoot(imageRoot)
        let folder = storeFolder.map { URL(fileURLWithPath: PathResolution.absolute($0), isDirectory: true) }
            ?? root.appendingPathComponent(WorkspaceLocation.defaultFolderName, isDirectory: true)
        let location = WorkspaceLocation(storeFolder: folder, imageRoot: root)
        if FileManager.default.fileExists(atPath: location.databaseURL.path) {
            throw WorkspaceError.alreadyExists(folder.path)
        }
        try location.createFolders()
        let store = try SQLiteStore(at: location.databaseURL)
        try store.setSetting("imageRoot", to: location.recordedImageRoot)
        return Workspace(location: location, store: store)
    }

    /// Opens (and migrates) the workspace stored in `storeFolder`; `imageRoot`
    /// overrides the recorded image folder (mounted elsewhere on this machine).
    public static func open(storeFolder: URL, imageRoot: String? = nil) throws -> Workspace {
        let databaseURL = storeFolder.appendingPathComponent(WorkspaceLocation.databaseName)
        guard FileManager.default.fileExists(atPath: databaseURL.path) else {
            throw WorkspaceError.notAWorkspace(storeFolder.path)
        }
        let store = try SQLiteStore(at: databaseURL)
        let recordedRoot = try store.setting("imageRoot") ?? ".."
        let location = WorkspaceLocation(
            storeFolder: storeFolder,
            imageRoot: try imageRoot.map(existingImageRoot)
                ?? WorkspaceLocation.imageRoot(recorded: recordedRoot, storeFolder: storeFolder))
        try location.createFolders()
        return Workspace(location: location, store: store)
    }

    /// Finds and opens the workspace for a command: the PostgreSQL store named
    /// by `store` (or `SPECK_STORE` in the environment) when there is one, else
    /// the SQLite workspace found as `WorkspaceDiscovery` says. `imageRoot`
    /// (else `SPECK_IMAGE_ROOT`) is where this machine mounts the images, when
    /// not where they were recorded.
    public static func find(explicit: String?, startingFrom paths: [String] = [], store: String? = nil,
                            blobs: String? = nil, imageRoot: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Workspace {
        let root = imageRoot ?? environment[imageRootVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let address = try StoreAddress.chosen(explicit: store, environment: environment) {
            return try open(address, blobs: blobs, imageRoot: root)
        }
        return try open(storeFolder: WorkspaceDiscovery.storeFolder(explicit: explicit, startingFrom: paths), imageRoot: root)
    }

    /// Where this machine mounts a workspace's images, when elsewhere than recorded.
    public static let imageRootVariable = "SPECK_IMAGE_ROOT"

    /// The workspace of an image folder for the workstation: the one found from
    /// it (or `explicit`), else a new one at `explicit` or `<imageRoot>/.speck`.
    /// Returns whether it was created.
    public static func openOrCreate(imageRoot: String, explicit: String? = nil) throws -> (Workspace, created: Bool) {
        do {
            return (try find(explicit: explicit, startingFrom: [imageRoot]), false)
        } catch WorkspaceError.notFound, WorkspaceError.notAWorkspace {
            return (try create(imageRoot: imageRoot, storeFolder: explicit), true)
        }
    }

    /// The schema steps applied to this workspace, oldest first.
    public func appliedMigrations() throws -> [String] {
        try store.appliedMigrations()
    }

    static func existingImageRoot(_ path: String) throws -> URL {
        let root = URL(fileURLWithPath: PathResolution.absolute(path), isDirectory: true)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw WorkspaceError.imageRootMissing(root.path)
        }
        return root
    }
}
