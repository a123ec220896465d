import Foundation

extension Workstation {
    /// Clicks and the wheel: on the main screen a click selects a list row or sets the
    /// threshold on the histogram and the wheel scrolls the list; in the zoomed view the wheel zooms.
    func handleMouse(_ key: Key) {
        if state.zoom.isOn {
            // The list and histogram are hidden in the zoomed view: a click does nothing, the wheel zooms.
            if case .wheelUp(let x, let y) = key { zoom(closer: true, aboutColumn: x, row: y) }
            if case .wheelDown(let x, let y) = key { zoom(closer: false, aboutColumn: x, row: y) }
            return
        }
        switch key {
        case .click(let x, let y): click(x: x, y: y)
        case .wheelUp: state.list.scrollBy(-3, rows: layout.list.inner.height)
        case .wheelDown: state.list.scrollBy(3, rows: layout.list.inner.height)
        default: break
        }
    }

    /// Zooms one level, keeping the image point under the pointer where it is (as map viewers do).
    func zoom(closer: Bool, aboutColumn column: Int, row: Int) {
        let size = shownImageSize()
        let inner = zoomedPaneRect.inner
        let pointed = size.flatMap { size in
            ZoomedPicture(imageWidth: size.width, imageHeight: size.height, inner: inner, level: state.zoom.level,
                          centreX: state.zoom.centreX, centreY: state.zoom.centreY).imagePoint(column: column, row: row)
        }
        perform(closer ? .zoomIn : .zoomOut)
        guard let size, let pointed, let scale = state.zoom.level.scale.map(Double.init) else { return }
        // At `scale` the pane's middle cell shows the centre; the pointer is this many image pixels from it.
        let offsetX = (Double(column) + 0.5 - Double(inner.x) - Double(inner.width) / 2) / scale
        let offsetY = 2 * (Double(row) + 0.5 - Double(inner.y) - Double(inner.height) / 2) / scale
        state.zoom.centre(onX: (pointed.x - offsetX) / Double(size.width), y: (pointed.y - offsetY) / Double(size.height))
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
