import Foundation
import PostgresNIO

/// Tells a workstation that another one committed labels: PostgreSQL
/// LISTEN/NOTIFY on a connection of its own, so a label set on one machine
/// shows on the others within moments. `stop()` (or deinit) ends it.
public final class LabelWatch: @unchecked Sendable {
    private let connection: PostgresConnection
    private let context: PostgresListenContext
    private let lock = NSLock()
    private var stopped = false

    init(session: PostgresSession, onChange: @escaping @Sendable () -> Void) throws {
        do {
            connection = try session.newConnection()
            context = connection.addListener(channel: PostgresStore.labelChannel) { _, _ in onChange() }
            // Once LISTEN has run, no later commit is missed.
            _ = try connection.query(PostgresQuery(unsafeSQL: "LISTEN \(PostgresStore.labelChannel)"),
                                     logger: PostgresSession.silent).wait()
        } catch {
            throw WorkspaceError.storeFailed(session.address.description, reason: PostgresSession.reason(error))
        }
    }

    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        context.stop()
        try? connection.close().wait()
    }

    deinit { stop() }
}
