import SpeckWorkspace

/// Labels other workstations set on the same PostgreSQL workspace.
extension WorkspaceBackend {
    public func watchLabels(_ changed: @escaping @Sendable () -> Void) throws -> (any LabelSubscription)? {
        guard let workspace = lock.withLock({ self.workspace }) else { throw BackendError.notOpen }
        return try workspace.watchLabels(changed)
    }

    public func storedLabels() throws -> [Int: Label] {
        guard let workspace = lock.withLock({ self.workspace }) else { throw BackendError.notOpen }
        let entryIds = entryIdsByImageId()
        var labels: [Int: Label] = [:]
        for current in try workspace.currentLabels() {
            if let entryId = entryIds[current.imageId], let label = Self.label(from: current.verdict) { labels[entryId] = label }
        }
        return labels
    }
}
