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
        let sort = self.sort
        order.sort { sort.precedes(entries[$0], entries[$1]) }
        if let keep, let position = order.firstIndex(of: keep) { selected = position } else { selected = min(selected, max(0, order.count - 1)) }
    }

    public mutating func move(by delta: Int) { select(selected + delta) }

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
