import Foundation

/// A fresh folder under the system temporary folder, removed on deinit.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "speck-ws-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `contents` at `relative` (creating folders) and returns the absolute path.
    @discardableResult
    func write(_ relative: String, _ contents: String = "fake image bytes") throws -> String {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: file, contents: Data(contents.utf8)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file])
        }
        return file
    }

    /// Sets a file's modification time (seconds since 1970).
    func setModificationTime(_ relative: String, _ seconds: TimeInterval) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)],
                                              ofItemAtPath: path + "/" + relative)
    }
}
