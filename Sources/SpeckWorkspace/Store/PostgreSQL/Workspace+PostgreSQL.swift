import Foundation

/// A workspace a team shares: rows in PostgreSQL, model and map files in a
/// `blobs` folder every machine mounts at the same path (its path is kept in
/// the database, so other machines need only the connection string).
extension Workspace {
    /// Makes a new workspace tracking `imageRoot` in the (empty) database at `address`.
    public static func create(imageRoot: String, store address: StoreAddress, blobs: String?) throws -> Workspace {
        let root = try existingImageRoot(imageRoot)
        guard let blobs else { throw WorkspaceError.blobsFolderNeeded(address.description) }
        let store = try PostgresStore(address: address)
        let location = WorkspaceLocation(storeFolder: URL(fileURLWithPath: PathResolution.absolute(blobs), isDirectory: true),
                                         imageRoot: root)
        try store.recordNewWorkspace(settings: [("imageRoot", root.path), ("blobs", location.storeFolder.path)])
        try location.createFolders()
        return Workspace(location: location, store: store)
    }

    /// Opens (and migrates) the workspace at `address`. `blobs` and
    /// `imageRoot` override the recorded folders, for a machine that mounts
    /// them elsewhere (image paths are kept relative to the image root).
    public static func open(_ address: StoreAddress, blobs: String? = nil, imageRoot: String? = nil) throws -> Workspace {
        let store = try PostgresStore(address: address)
        guard let recordedRoot = try store.setting("imageRoot") else { throw WorkspaceError.emptyStore(address.description) }
        guard let folder = try blobs.map { PathResolution.absolute($0) } ?? store.setting("blobs") else {
            throw WorkspaceError.blobsFolderNeeded(address.description)
        }
        let root = try imageRoot.map(existingImageRoot) ?? URL(fileURLWithPath: recordedRoot, isDirectory: true)
        let location = WorkspaceLocation(storeFolder: URL(fileURLWithPath: folder, isDirectory: true), imageRoot: root)
        try location.createFolders()
        return Workspace(location: location, store: store)
    }
}

extension Workspace {
    /// Calls `onChange` (on a background thread) whenever labels are committed
    /// to this workspace by any process; nil for SQLite workspaces, which have
    /// no such signal (the workstation re-reads them instead).
    public func watchLabels(_ onChange: @escaping @Sendable () -> Void) throws -> LabelWatch? {
        guard let postgres = store as? PostgresStore else { return nil }
        return try LabelWatch(session: postgres.session, onChange: onChange)
    }
}
