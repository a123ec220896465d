import Foundation

extension Workstation {
    func sideBySideView(for entry: ImageEntry) -> SideBySideView {
        SideBySideView(theme: theme, hasModel: state.model != nil, isScored: entry.rawScore != nil, hasMask: entry.maskPath != nil)
    }

    /// The size pictures are prepared at: all of `inner`, or one pane of the side-by-side view.
    func pictureSize(for entry: ImageEntry, in inner: Rect, sideBySide: Bool) -> (columns: Int, rows: Int) {
        guard sideBySide,
              let first = SideBySidePane.panes(count: sideBySideView(for: entry).paneCount, in: inner).first else {
            return (inner.width, inner.height)
        }
        let area = SideBySidePane.pictureArea(of: first)
        return (area.width, area.height)
    }
}
