import Foundation

/// Thread-safe queue of events from background work to the UI loop, which
/// drains it between key presses.
final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [WorkstationEvent] = []

    func post(_ event: WorkstationEvent) { lock.withLock { pending.append(event) } }

    func drain() -> [WorkstationEvent] {
        lock.withLock {
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
    }
}
