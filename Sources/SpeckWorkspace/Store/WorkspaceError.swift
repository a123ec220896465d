import Foundation

/// Why a workspace could not be found, made or opened, in words that say what to do.
public enum WorkspaceError: Error, CustomStringConvertible, LocalizedError, Equatable {
    case notFound(searchedFrom: String)
    case notAWorkspace(String)
    case alreadyExists(String)
    case imageRootMissing(String)
    case madeByNewerSpeck(String)
    case unknownModel(String, known: [String])
    case noModels
    case outsideImageRoot(path: String, root: String)
    case noSuchFile(String)
    case unreadableFile(String, reason: String)
    case noThreshold(model: String)
    case badStoreAddress(String, reason: String)
    case storeFailed(String, reason: String)
    case blobsFolderNeeded(String)
    case emptyStore(String)

    public var description: String {
        switch self {
        case .notFound(let start):
            return "no Speck workspace found in \(start) or any folder above it; create one with `speck init DIR` "
                + "(or point to one with --workspace DIR)"
        case .notAWorkspace(let path):
            return "\(path) is not a Speck workspace (it has no speck.sqlite); create one with `speck init --workspace \(path) IMAGE_ROOT`"
        case .alreadyExists(let path):
            return "\(path) already holds a Speck workspace"
        case .imageRootMissing(let path):
            return "the workspace's image folder \(path) does not exist"
        case .madeByNewerSpeck(let path):
            return "the workspace \(path) was made by a newer version of Speck; update Speck to open it"
        case .unknownModel(let name, let known):
            let list = known.isEmpty ? "the workspace has no models yet" : "known: \(known.joined(separator: ", "))"
            return "no model '\(name)' in this workspace (\(list))"
        case .noModels:
            return "the workspace has no models yet; fit one first"
        case .outsideImageRoot(let path, let root):
            return "\(path) is outside the workspace's image folder \(root)"
        case .noSuchFile(let path):
            return "\(path): no such file"
        case .unreadableFile(let path, let reason):
            return "\(path) cannot be read: \(reason)"
        case .noThreshold(let model):
            return "model \(model) has no threshold yet (it was fitted without images to choose one on)"
        case .badStoreAddress(let address, let reason):
            return "the store address \(address) cannot be used: \(reason)"
        case .storeFailed(let store, let reason):
            return "the workspace store \(store) failed: \(reason)"
        case .blobsFolderNeeded(let store):
            return "a workspace in \(store) keeps model and map files in a folder every machine mounts; "
                + "name it with --blobs DIR"
        case .emptyStore(let store):
            return "\(store) holds no Speck workspace; create one with `speck init --store \(store) --blobs DIR IMAGE_ROOT`"
        }
    }

    public var errorDescription: String? { description }
}
