/// The image list's contents and cursor: entries, the visible order after
/// filter and sort, the selection and the scroll position.
public struct ImageList: Sendable {
    public private(set) var entries: [ImageEntry]
    /// Indices into `entries`, in display order.
    public private(set) var order: [Int] = []
    public private(set) var selected = 0
    public private(set) var scrollTop = 0
    public var sort: SortOrder = .score { didSet { reorder() } }
    public var filter = "" { didSet { reorder() } }
    /// The labelling queue, which the "label next" sort follows (call `reorder` after replacing it).
    public var queue = LabelQueue()
    /// Where a range selection (`V`) started, by entry id: the range runs from there to the cursor.
    public var selectionAnchor: Int?

    public init(entries: [ImageEntry]) {
        self.entries = entries
        reorder()
    }

    public var selectedEntry: ImageEntry? { order.indices.contains(selected) ? entries[order[selected]] : nil }
    public var visible: [ImageEntry] { order.map { entries[$0] } }

    /// Applies a change to one entry by id, keeping the selected image selected.
    public mutating func update(id: Int, _ change: (inout ImageEntry) -> Void) {
        guard entries.indices.contains(id) else { return }
        change(&entries[id])
    }

    public mutating func updateAll(_ change: (inout ImageEntry) -> Void) {
        for i in entries.indices { change(&entries[i]) }
    }

    /// Re-sorts after scores change, keeping the same image under the cursor.
    public mutating func reorder() {
        let keep = selectedEntry?.id
        let needle = filter.lowercased()
        order = entries.indices.filter { needle.isEmpty || entries[$0].relativePath.lowercased().contains(needle) }
        let sort = self.sort, queue = self.queue
        if sort == .labelNext {
            order.sort { queue.precedes(entries[$0], entries[$1]) }
        } else {
            order.sort { sort.precedes(entries[$0], entries[$1]) }
        }
        if let keep, let position = order.firstIndex(of: keep) { selected = position } else { selected = min(selected, max(0, order.count - 1)) }
    }

    public mutating func move(by delta: Int) { select(selected + delta) }

    /// Selects an entry by id, when it is shown.
    public mutating func select(id: Int) {
        if let position = order.firstIndex(of: id) { select(position) }
    }

    /// Positions of the range selection (anchor to cursor), nil when none is active or the anchor is filtered out.
    public var selectedRange: ClosedRange<Int>? {
        guard let anchor = selectionAnchor, let start = order.firstIndex(of: anchor) else { return nil }
        return min(start, selected)...max(start, selected)
    }

    /// The entries of the range selection, in display order.
    public var rangeEntries: [ImageEntry] { selectedRange.map { $0.map { entries[order[$0]] } } ?? [] }

    public mutating func select(_ position: Int) {
        selected = max(0, min(order.count - 1, position))
    }

    /// Keeps the selection inside a window of `rows` rows.
    public mutating func scroll(toShow rows: Int) {
        guard rows > 0 else { return }
        if selected < scrollTop { scrollTop = selected }
        if selected >= scrollTop + rows { scrollTop = selected - rows + 1 }
        scrollTop = max(0, min(scrollTop, max(0, order.count - rows)))
    }

    public mutating func scrollBy(_ delta: Int, rows: Int) {
        scrollTop = max(0, min(scrollTop + delta, max(0, order.count - rows)))
        if selected < scrollTop { selected = scrollTop }
        if selected >= scrollTop + rows { selected = scrollTop + rows - 1 }
    }
}
