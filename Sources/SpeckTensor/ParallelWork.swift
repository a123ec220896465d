import Foundation

/// Runs `body(i)` for every index on `workers` threads, each taking the next
/// index when it is free, and reports how many are done. Shared by the
/// evaluation (images over the cores) and training (networks over the cores).
public enum ParallelWork {
    public static func forEach(_ count: Int, workers: Int, progress: (@Sendable (Int) -> Void)? = nil,
                        _ body: @Sendable (Int) -> Void) {
        let lock = NSLock()
        nonisolated(unsafe) var next = 0
        nonisolated(unsafe) var done = 0
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
            while true {
                let index: Int? = lock.withLock {
                    guard next < count else { return nil }
                    next += 1
                    return next - 1
                }
                guard let index else { return }
                body(index)
                let finished = lock.withLock { done += 1; return done }
                progress?(finished)
            }
        }
    }
}

/// A fixed-size array filled from several threads, one slot per index.
public final class SlotArray<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Element?]

    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    public subscript(index: Int) -> Element? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    public var values: [Element?] { lock.withLock { slots } }
}
