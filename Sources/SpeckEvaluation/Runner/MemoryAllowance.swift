import Foundation

/// A number of bytes that threads draw from until it runs out: lets decoded
/// images be kept while within a budget and dropped as soon as they are not,
/// so that no more than the budget (plus one image per thread) is ever held.
final class MemoryAllowance: @unchecked Sendable {
    private let lock = NSLock()
    private var left: Int

    init(bytes: Int) { left = bytes }

    /// Takes `bytes` if that many are left.
    func take(_ bytes: Int) -> Bool {
        lock.withLock {
            guard bytes <= left else { return false }
            left -= bytes
            return true
        }
    }
}
