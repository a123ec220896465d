import Foundation

/// Finds the workspace a command works in, the way git finds its repository:
/// an explicit `--workspace DIR`, or else the nearest `.speck/` folder at or
/// above the first path given (or the current folder).
public enum WorkspaceDiscovery {
    /// The store folder to open.
    public static func storeFolder(explicit: String?, startingFrom paths: [String]) throws -> URL {
        let fileManager = FileManager.default
        if let explicit {
            let folder = PathResolution.absolute(explicit)
            for candidate in [folder, folder + "/" + WorkspaceLocation.defaultFolderName]
            where fileManager.fileExists(atPath: candidate + "/" + WorkspaceLocation.databaseName) {
                return URL(fileURLWithPath: candidate, isDirectory: true)
            }
            throw WorkspaceError.notAWorkspace(folder)
        }
        let start = PathResolution.absolute(paths.first ?? ".")
        var isFolder: ObjCBool = false
        var folder = start
        if fileManager.fileExists(atPath: start, isDirectory: &isFolder), !isFolder.boolValue {
            folder = (start as NSString).deletingLastPathComponent
        }
        while true {
            let candidate = (folder == "/" ? "" : folder) + "/" + WorkspaceLocation.defaultFolderName
            if fileManager.fileExists(atPath: candidate + "/" + WorkspaceLocation.databaseName) {
                return URL(fileURLWithPath: candidate, isDirectory: true)
            }
            if folder == "/" { break }
            folder = (folder as NSString).deletingLastPathComponent
            if folder.isEmpty { folder = "/" }
        }
        throw WorkspaceError.notFound(searchedFrom: start)
    }
}
