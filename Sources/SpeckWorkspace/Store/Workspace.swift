import Foundation
import GRDB

/// A durable store of images, models, scores, cached anomaly maps and labels
/// for one image root, in SQLite (WAL mode) plus files under the store folder.
///
/// One writer at a time, any number of concurrent readers: a fit or a scoring
/// run streams results in while the workstation lists and sorts. Every write
/// is one transaction; `synchronous = FULL` makes each commit durable, so a
/// label that was reported saved survives a crash or a power cut.
public final class Workspace: Sendable {
    public let location: WorkspaceLocation
    public let database: DatabasePool

    private init(location: WorkspaceLocation, database: DatabasePool) {
        self.location = location
        self.database = database
    }

    /// Makes a new workspace tracking `imageRoot`, stored in `storeFolder`
    /// (default `<imageRoot>/.speck`).
    public static func create(imageRoot: String, storeFolder: String? = nil) throws -> Workspace {
        let root = URL(fileURLWithPath: PathResolution.absolute(imageRoot), isDirectory: true)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw WorkspaceError.imageRootMissing(root.path)
        }
        let store = storeFolder.map { URL(fileURLWithPath: PathResolution.absolute($0), isDirectory: true) }
            ?? root.appendingPathComponent(WorkspaceLocation.defaultFolderName, isDirectory: true)
        let location = WorkspaceLocation(storeFolder: store, imageRoot: root)
        if FileManager.default.fileExists(atPath: location.databaseURL.path) {
            throw WorkspaceError.alreadyExists(store.path)
        }
        for folder in [store, location.modelsFolder, location.mapsFolder] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let database = try openDatabase(at: location.databaseURL)
        try database.write { db in
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('imageRoot', ?)",
                           arguments: [location.recordedImageRoot])
        }
        return Workspace(location: location, database: database)
    }

    /// Opens (and migrates) the workspace stored in `storeFolder`.
    public static func open(storeFolder: URL) throws -> Workspace {
        let databaseURL = storeFolder.appendingPathComponent(WorkspaceLocation.databaseName)
        guard FileManager.default.fileExists(atPath: databaseURL.path) else {
            throw WorkspaceError.notAWorkspace(storeFolder.path)
        }
        let database = try openDatabase(at: databaseURL)
        let recordedRoot = try database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'imageRoot'")
        } ?? ".."
        let location = WorkspaceLocation(
            storeFolder: storeFolder,
            imageRoot: WorkspaceLocation.imageRoot(recorded: recordedRoot, storeFolder: storeFolder))
        for folder in [location.modelsFolder, location.mapsFolder] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        return Workspace(location: location, database: database)
    }

    /// Finds and opens the workspace for a command (see `WorkspaceDiscovery`).
    public static func find(explicit: String?, startingFrom paths: [String] = []) throws -> Workspace {
        try open(storeFolder: WorkspaceDiscovery.storeFolder(explicit: explicit, startingFrom: paths))
    }

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
        try database.read { try SchemaMigrations.migrator.appliedIdentifiers($0) }.sorted()
    }

    private static func openDatabase(at url: URL) throws -> DatabasePool {
        var configuration = Configuration()
        // Another Speck process (the TUI and a CLI command) may hold the write lock briefly.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Reads through memory mapping and a 64 MB page cache: sorted listings of
            // 100,000 images jump around the image table and would otherwise re-read pages.
            try db.execute(sql: "PRAGMA mmap_size = 268435456")
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        let database = try DatabasePool(path: url.path, configuration: configuration)
        let migrator = SchemaMigrations.migrator
        if try database.read(migrator.hasBeenSuperseded) {
            throw WorkspaceError.madeByNewerSpeck(url.deletingLastPathComponent().path)
        }
        try migrator.migrate(database)
        return database
    }
}
