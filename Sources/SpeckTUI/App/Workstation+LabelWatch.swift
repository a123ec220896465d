import Foundation

/// Labels set in another workstation on the same (PostgreSQL) workspace show
/// here without a key press: the store signals each commit, the labels are
/// read again and what changed is shown.
extension Workstation {
    func watchOtherWorkstations() {
        let refresh = StoredLabelsRefresh(backend: backend, mailbox: mailbox)
        Self.storeQueue.async { [backend, mailbox] in
            do {
                if let watch = try backend.watchLabels({ refresh.request() }) { mailbox.post(.labelWatchStarted(watch)) }
            } catch {
                mailbox.post(.message("labels set in other workstations will show only after a restart: \(error)", isError: true))
            }
        }
    }

    /// The store's labels as just read: entries whose label differs take it.
    func adoptStoredLabels(_ labels: [Int: Label]) {
        let changed = state.list.entries.filter { $0.label != labels[$0.id] }
        guard !changed.isEmpty else { return }
        for entry in changed { state.list.update(id: entry.id) { $0.label = labels[entry.id] } }
        state.tell(changed.count == 1
            ? "\(changed[0].relativePath) \(labels[changed[0].id].map { "labelled \($0.rawValue)" } ?? "unlabelled") in another workstation"
            : "\(changed.count) labels changed in another workstation")
        state.list.reorder()
        refreshQueue()
    }
}

/// Reads the store's labels once per burst of signals, on the store queue
/// (after this workstation's own queued label writes).
final class StoredLabelsRefresh: @unchecked Sendable {
    private let backend: WorkstationBackend
    private let mailbox: Mailbox
    private let lock = NSLock()
    private var pending = false

    init(backend: WorkstationBackend, mailbox: Mailbox) {
        self.backend = backend
        self.mailbox = mailbox
    }

    func request() {
        let alreadyPending = lock.withLock {
            defer { pending = true }
            return pending
        }
        guard !alreadyPending else { return }
        Workstation.storeQueue.async { [self] in
            lock.withLock { pending = false }
            do { mailbox.post(.labelsStored(try backend.storedLabels())) } catch {
                mailbox.post(.message("labels of other workstations not read: \(error)", isError: true))
            }
        }
    }
}
