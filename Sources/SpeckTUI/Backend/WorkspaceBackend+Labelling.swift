import SpeckWorkspace

extension WorkspaceBackend {
    public func setLabels(_ label: Label, for entries: [ImageEntry]) throws {
        guard let workspace = lock.withLock({ self.workspace }) else { throw BackendError.notOpen }
        try workspace.labelBatch(try records(of: entries, in: workspace), as: label == .normal ? .normal : .anomalous)
    }

    public func undoLabel(for entry: ImageEntry) throws -> (batch: Bool, labels: [Int: Label?]) {
        let (workspace, id) = lock.withLock { (self.workspace, imageIds[entry.id]) }
        guard let workspace, let id else { throw BackendError.notInWorkspace(entry.relativePath) }
        let undo = try workspace.undoLabel(imageId: id)
        let entryIds = entryIdsByImageId()
        var labels: [Int: Label?] = [:]
        for (imageId, verdict) in undo.restored {
            if let entryId = entryIds[imageId] { labels[entryId] = Self.label(from: verdict) }
        }
        return (undo.batchId != nil, labels)
    }

    public func labellingQueue(threshold: Float) throws -> [QueuedEntry] {
        let (workspace, model) = lock.withLock { (self.workspace, currentModel) }
        guard let workspace, let model else { return [] }
        let entryIds = entryIdsByImageId()
        return try workspace.labellingQueue(model: model, threshold: Double(threshold)).compactMap { place in
            entryIds[place.imageId].map { QueuedEntry(entryId: $0, reason: place.reason.text) }
        }
    }

    func entryIdsByImageId() -> [Int64: Int] {
        lock.withLock { Dictionary(imageIds.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first }) }
    }

    private func records(of entries: [ImageEntry], in workspace: Workspace) throws -> [ImageRecord] {
        let ids = lock.withLock { imageIds }
        let rows = Dictionary(try workspace.images().compactMap { row in row.id.map { ($0, row) } },
                              uniquingKeysWith: { first, _ in first })
        return try entries.map { entry in
            guard let id = ids[entry.id], let row = rows[id] else { throw BackendError.notInWorkspace(entry.relativePath) }
            return row
        }
    }
}
