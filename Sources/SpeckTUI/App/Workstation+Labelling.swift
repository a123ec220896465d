import Foundation

/// Labels from the keyboard: one image or a range in one batch, undo, and the
/// labelling queue ("label next") that `n` and labelling in that sort follow.
extension Workstation {
    /// `f`/`a`: labels the range selection as one batch when there is one, else
    /// the selected image; in the "label next" sort the cursor then moves on
    /// to the next image of the queue.
    func setLabel(_ label: Label) {
        let batch = state.list.rangeEntries
        if !batch.isEmpty { return labelBatch(batch, as: label) }
        guard let entry = state.list.selectedEntry else { return }
        if entry.problem != nil { return state.tell("\(entry.relativePath) cannot be read, so it cannot be labelled", error: true) }
        let next = state.list.queue.next(after: entry.id)
        state.list.update(id: entry.id) { $0.label = label }
        state.list.queue.remove([entry.id])
        tellLabelled("\(entry.relativePath) labelled \(label.rawValue)")
        Self.storeQueue.async { [backend, mailbox] in
            do { try backend.setLabel(label, for: entry) } catch {
                mailbox.post(.message("label of \(entry.relativePath) not saved: \(error)", isError: true))
            }
        }
        if state.list.sort == .labelNext, let next { state.list.select(id: next) }
        refreshQueue()
    }

    func labelBatch(_ entries: [ImageEntry], as label: Label) {
        let readable = entries.filter { $0.problem == nil }
        state.list.selectionAnchor = nil
        guard !readable.isEmpty else { return state.tell("none of the selected images can be read", error: true) }
        for entry in readable { state.list.update(id: entry.id) { $0.label = label } }
        state.list.queue.remove(Set(readable.map(\.id)))
        let skipped = entries.count - readable.count
        tellLabelled("\(readable.count) images labelled \(label.rawValue) in one batch (u undoes it)"
            + (skipped > 0 ? "; \(skipped) unreadable skipped" : ""))
        Self.storeQueue.async { [backend, mailbox] in
            do { try backend.setLabels(label, for: readable) } catch {
                mailbox.post(.message("batch of \(readable.count) labels not saved: \(error)", isError: true))
            }
        }
        state.list.reorder()
        refreshQueue()
    }

    /// `u`: clears the selected image's label, or undoes its whole batch.
    func undoLabel() {
        guard let entry = state.list.selectedEntry else { return }
        guard entry.label != nil else { return state.tell("\(entry.relativePath) has no label to undo") }
        Self.storeQueue.async { [backend, mailbox] in
            do {
                let undo = try backend.undoLabel(for: entry)
                let message = undo.batch ? "batch of \(undo.labels.count) labels undone"
                    : "label of \(entry.relativePath) cleared"
                mailbox.post(.labelsRestored(undo.labels, message: message))
            } catch {
                mailbox.post(.message("label of \(entry.relativePath) not undone: \(error)", isError: true))
            }
        }
    }

    func restoreLabels(_ labels: [Int: Label?], message: String) {
        for (id, label) in labels { state.list.update(id: id) { $0.label = label } }
        tellLabelled(message)
        state.list.reorder()
        refreshQueue()
    }

    /// `V`: starts a range selection at the cursor, or ends it.
    func toggleRangeSelection() {
        if state.list.selectionAnchor != nil {
            state.list.selectionAnchor = nil
            return state.tell("range selection ended")
        }
        guard let entry = state.list.selectedEntry else { return }
        state.list.selectionAnchor = entry.id
        state.tell("selecting: move to extend, f/a label the range in one batch, Esc ends")
    }

    /// `n`: the next image of the labelling queue (its head when the cursor is not on a queued image).
    func jumpToNextInQueue() {
        guard state.threshold != nil else { return state.tell("no queue yet: train a model first (t)", error: true) }
        guard state.list.queue.isCurrent else {
            guard state.job == nil else { return state.tell("the labelling queue follows the new scores once the job is done") }
            state.list.queue.jumpWhenReady = true
            refreshQueue(force: true)
            return state.tell("ordering the labelling queue…")
        }
        guard let next = state.list.queue.next(after: state.list.selectedEntry?.id) else {
            return state.tell(state.list.queue.order.isEmpty ? "nothing left to label: every scored image is labelled"
                              : "end of the labelling queue")
        }
        if !state.list.order.contains(next) { state.list.filter = "" }
        state.list.select(id: next)
        state.tell("next to label: \(state.list.queue.reasons[next] ?? "")")
    }

    /// Recomputes the queue off the UI thread when it is shown (or `force`); else marks it out of date.
    func refreshQueue(force: Bool = false) {
        state.list.queue.invalidate()
        guard force || state.list.sort == .labelNext || state.list.queue.jumpWhenReady,
              let threshold = state.threshold?.value, state.job == nil else { return }
        state.list.queue.requested += 1
        let request = state.list.queue.requested
        // After the label writes queued before it: the store then holds the labels the queue excludes.
        Self.storeQueue.async { [backend, mailbox] in
            do { mailbox.post(.queueReady(try backend.labellingQueue(threshold: threshold), request: request)) } catch {
                mailbox.post(.message("labelling queue not computed: \(error)", isError: true))
            }
        }
    }

    func adoptQueue(_ queued: [QueuedEntry], request: Int) {
        guard request == state.list.queue.requested else { return }
        let jump = state.list.queue.jumpWhenReady
        var queue = state.list.queue
        queue.adopt(queued)
        queue.jumpWhenReady = false
        state.list.queue = queue
        if state.list.sort == .labelNext { state.list.reorder() }
        if jump, let head = queue.order.first {
            if !state.list.order.contains(head) { state.list.filter = "" }
            state.list.select(id: head)
            state.tell("next to label: \(queue.reasons[head] ?? "")")
        }
    }
}
