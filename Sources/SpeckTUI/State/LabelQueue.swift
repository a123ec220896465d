/// The workstation's copy of the labelling queue ("label next"), which the
/// workspace computes (`Workspace.labellingQueue`, shared with `speck labels
/// next`): each queued entry's place and the reason it is there.
public struct LabelQueue: Sendable {
    /// Entry ids in queue order.
    public private(set) var order: [Int] = []
    public private(set) var reasons: [Int: String] = [:]
    private var ranks: [Int: Int] = [:]
    /// Whether an answer has arrived since the last change of labels, threshold or model.
    public private(set) var isCurrent = false
    /// Number of the newest request: older answers are dropped.
    var requested = 0
    /// Select the head of the queue when the answer arrives (`n` before the queue was known).
    var jumpWhenReady = false

    public init() {}

    public init(_ queued: [QueuedEntry]) {
        adopt(queued)
    }

    mutating func adopt(_ queued: [QueuedEntry]) {
        order = queued.map(\.entryId)
        reasons = Dictionary(queued.map { ($0.entryId, $0.reason) }, uniquingKeysWith: { first, _ in first })
        ranks = Dictionary(queued.enumerated().map { ($0.element.entryId, $0.offset) }, uniquingKeysWith: { first, _ in first })
        isCurrent = true
    }

    /// Queued entries first, in queue order; the rest after them, by score.
    public func precedes(_ a: ImageEntry, _ b: ImageEntry) -> Bool {
        switch (ranks[a.id], ranks[b.id]) {
        case let (ra?, rb?): return ra < rb
        case (_?, nil): return true
        case (nil, _?): return false
        case (nil, nil): return SortOrder.score.precedes(a, b)
        }
    }

    public func rank(of entryId: Int) -> Int? { ranks[entryId] }

    /// The queued entry after `entryId`, or the head when `entryId` is not queued.
    public func next(after entryId: Int?) -> Int? {
        guard let entryId, let rank = ranks[entryId] else { return order.first }
        return rank + 1 < order.count ? order[rank + 1] : nil
    }

    /// Takes labelled entries out at once (the recomputed queue follows).
    mutating func remove(_ ids: Set<Int>) {
        let kept = order.filter { !ids.contains($0) }.map { QueuedEntry(entryId: $0, reason: reasons[$0] ?? "") }
        let current = isCurrent
        adopt(kept)
        isCurrent = current
    }

    /// Marks the queue out of date (labels, threshold or scores changed).
    mutating func invalidate() { isCurrent = false }
}
