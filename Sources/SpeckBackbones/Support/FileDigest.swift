import Foundation

/// A file's sha256, computed on first use and then remembered (hashing the
/// weights costs time that loading a backbone should not pay up front).
final class FileDigest: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private var cached: String?

    init(path: String, known: String? = nil) {
        self.path = path
        self.cached = known
    }

    var hex: String {
        lock.withLock {
            if let cached { return cached }
            let value = (try? SHA256.hex(ofFile: path)) ?? "unreadable"
            cached = value
            return value
        }
    }
}
