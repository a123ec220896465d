import Foundation

extension Workstation {
    /// Clicks and the wheel: on the main screen a click selects a list row or sets the
    /// threshold on the histogram and the wheel scrolls the list; in the zoomed view the wheel zooms.
    func handleMouse(_ key: Key) {
        if state.zoom.isOn {
            // The list and histogram are hidden in the zoomed view: a click does nothing, the wheel zooms.
            if key == .wheelUp { perform(.zoomIn) }
            if key == .wheelDown { perform(.zoomOut) }
            return
        }
        switch key {
        case .click(let x, let y): click(x: x, y: y)
        case .wheelUp: state.list.scrollBy(-3, rows: layout.list.inner.height)
        case .wheelDown: state.list.scrollBy(3, rows: layout.list.inner.height)
        default: break
        }
    }

    func click(x: Int, y: Int) {
        if layout.list.contains(x: x, y: y) {
            guard let position = ImageListPanel.position(atY: y, rect: layout.list, scrollTop: state.list.scrollTop),
                  position < state.list.order.count else { return }
            state.list.select(position)
        } else if let score = HistogramPanel.score(atX: x, y: y, rect: layout.histogram, state: state) {
            guard var threshold = state.threshold else { return state.tell("no threshold yet: train a model first (t)", error: true) }
            threshold.value = score
            adoptManualThreshold(threshold)
            state.tell("threshold \(Format.score(score)) (clicked on the histogram)")
        }
    }
}
