import Foundation

/// Reusable, uninitialised scratch buffers for the kernels' column matrices.
/// A fresh buffer of tens of megabytes per call costs page faults and zeroing
/// on the order of the sgemm itself; a buffer taken here is used by one
/// thread at a time, so two shards of a batch can run side by side.
final class ScratchPool: @unchecked Sendable {
    static let shared = ScratchPool()
    /// Idle buffers kept for reuse (two per thread on two cores).
    private let keep = 4
    private let lock = NSLock()
    private var idle: [UnsafeMutableBufferPointer<Float>] = []

    /// Runs `body` with a buffer of at least `count` floats (contents undefined).
    func withBuffer<R>(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> R) -> R {
        let buffer = take(max(count, 1))
        defer { give(buffer) }
        return body(buffer.baseAddress!)
    }

    private func take(_ count: Int) -> UnsafeMutableBufferPointer<Float> {
        lock.withLock {
            guard let i = idle.indices.filter({ idle[$0].count >= count }).min(by: { idle[$0].count < idle[$1].count })
            else { return .allocate(capacity: count) }
            return idle.remove(at: i)
        }
    }

    private func give(_ buffer: UnsafeMutableBufferPointer<Float>) {
        lock.withLock {
            idle.append(buffer)
            if idle.count > keep, let smallest = idle.indices.min(by: { idle[$0].count < idle[$1].count }) {
                idle.remove(at: smallest).deallocate()
            }
        }
    }
}
