import Foundation
import SpeckDetectors

/// The full-screen image view (`z`): zoom, pan, hottest spot and regions.
extension Workstation {
    /// Everything above the message and status lines, which stay.
    /// With evidence on, its pane takes the right of the screen.
    var zoomedPaneRect: Rect {
        Rect(x: 0, y: 0, width: layout.statusLine.width - zoomedEvidenceWidth, height: layout.messageLine.y)
    }

    func drawZoomed(into buffer: inout ScreenBuffer) {
        let rect = zoomedPaneRect, inner = rect.inner
        var viewport: Viewport?
        let content: ImagePane.Content
        if let scale = state.zoom.level.scale {
            content = paneContent(inner: inner, fullResolution: true) { layers in
                let shown = zoomViewport(imageWidth: layers.width, imageHeight: layers.height, inner: inner, scale: scale)
                viewport = shown
                return halfBlockLayers(layers, showing: shown)
            }
        } else {
            content = paneContent(inner: inner, fullResolution: false) { $0 }
        }
        let caption = "zoom \(state.zoom.level.rawValue)" + (viewport.map { " · \($0.caption)" } ?? "")
        ZoomedPane.draw(content, caption: caption, state: state, renderer: pictureRenderer,
                        into: &buffer, rect: rect, theme: theme)
        drawZoomedEvidence(into: &buffer)
        StatusBar.draw(state, keymap: keymap.scoped(zoomed: true), into: &buffer, messageLine: layout.messageLine,
                       statusLine: layout.statusLine, theme: theme)
    }

    func performZoom(_ action: Action) {
        switch action {
        case .toggleZoomView: state.zoom.isOn.toggle()
        case .zoomIn: state.zoom.level = state.zoom.level.closer
        case .zoomOut: state.zoom.level = state.zoom.level.farther
        case .panLeft: pan(x: -1, y: 0)
        case .panRight: pan(x: 1, y: 0)
        case .panUp: pan(x: 0, y: -1)
        case .panDown: pan(x: 0, y: 1)
        case .nextImage: state.list.move(by: 1)
        case .previousImage: state.list.move(by: -1)
        case .hottestSpot: jumpToHottestSpot()
        case .nextRegion: showNextRegion()
        default: break
        }
    }

    /// Moves a quarter of the window, from the spot actually shown (not from one beyond an edge).
    func pan(x: Int, y: Int) {
        guard let scale = state.zoom.level.scale else { return state.tell("the whole image is shown: + zooms in") }
        guard let size = shownImageSize() else { return }
        let inner = zoomedPaneRect.inner
        let viewport = zoomViewport(imageWidth: size.width, imageHeight: size.height, inner: inner, scale: scale)
        state.zoom.centre(onX: viewport.centreFractionX + Double(x * max(1, viewport.width / 4)) / Double(size.width),
                          y: viewport.centreFractionY + Double(y * max(1, viewport.height / 4)) / Double(size.height))
    }

    func jumpToHottestSpot() {
        state.evidence.cursor = nil  // the evidence follows: back to the hottest spot
        guard let placed = mapForZoomKeys(), let hot = RegionFinder.hottest(in: placed.map) else { return }
        let map = placed.map
        let (x, y) = placement(of: placed).imagePoint(mapX: (Double(hot.x) + 0.5) / Double(map.width),
                                                      mapY: (Double(hot.y) + 0.5) / Double(map.height))
        focus(x: x, y: y)
        var text = "hottest spot"
        if let size = shownImageSize() { text += " at x \(Int(x * Double(size.width))) y \(Int(y * Double(size.height)))" }
        state.tell(text + " (map cell \(hot.x),\(hot.y) of \(map.width)x\(map.height), value \(String(format: "%.4g", hot.value)))")
    }

    /// Cycles through the map's regions above the pixel threshold, largest first; a new image starts at the largest.
    func showNextRegion() {
        guard let placed = mapForZoomKeys() else { return }
        let map = placed.map, placement = placement(of: placed)
        guard let limit = state.calibration?.pixelThreshold ?? state.threshold?.value else {
            return state.tell("no threshold yet: train a model first (t)", error: true)
        }
        let regions = RegionFinder.regions(in: map, atOrAbove: limit)
        guard !regions.isEmpty else {
            return state.tell("no region of the map is at or above the threshold \(String(format: "%.4g", limit))")
        }
        let entryId = state.list.selectedEntry?.id
        let index = state.zoom.regionEntryId == entryId ? ((state.zoom.regionIndex ?? -1) + 1) % regions.count : 0
        state.zoom.regionIndex = index
        state.zoom.regionEntryId = entryId
        let region = regions[index]
        let centre = region.centreFraction(mapWidth: map.width, mapHeight: map.height)
        let (x, y) = placement.imagePoint(mapX: centre.x, mapY: centre.y)
        focus(x: x, y: y)
        var text = "region \(index + 1) of \(regions.count)"
        if let size = shownImageSize() {
            let bounds = region.inImage(mapWidth: map.width, mapHeight: map.height, imageWidth: size.width, imageHeight: size.height,
                                        placement: placement)
            text += " · \(bounds.pixels) px · x \(bounds.x.lowerBound)..\(bounds.x.upperBound)"
                + " y \(bounds.y.lowerBound)..\(bounds.y.upperBound)"
        }
        state.tell(text + " (\(region.cells) map cells, 8-connected)")
    }

    /// Centres on a spot; from "fit" it zooms to 2x so that the spot can be seen.
    func focus(x: Double, y: Double) {
        state.zoom.centre(onX: x, y: y)
        if state.zoom.level == .fit { state.zoom.level = .double }
    }

    /// Where a map lies on the selected image (its own size once prepared; a square before, which is exact for stretched images).
    func placement(of placed: PlacedMap) -> MapPlacement {
        let size = shownImageSize() ?? (1, 1)
        return placed.placement(imageWidth: size.width, imageHeight: size.height)
    }

    /// The selected image's anomaly map, or nil after saying why there is none.
    func mapForZoomKeys() -> PlacedMap? {
        guard let entry = state.list.selectedEntry else {
            state.tell("no image selected", error: true)
            return nil
        }
        if let placed = backend.anomalyMap(entry), placed.map.width > 0, placed.map.height > 0 { return placed }
        if state.model == nil {
            state.tell("no model yet: train one first (t)", error: true)
        } else if entry.rawScore == nil {
            state.tell("not scored yet", error: true)
        } else {
            state.tell("this detector has no map: no hottest spot or regions", error: true)
        }
        return nil
    }

    /// The selected image's own size, once the zoomed view has prepared it.
    func shownImageSize() -> (width: Int, height: Int)? {
        guard let entry = state.list.selectedEntry else { return nil }
        let inner = zoomedPaneRect.inner
        for fullResolution in [true, false] {
            let request = PaneRequest(entryId: entry.id, columns: inner.width, rows: inner.height,
                                      modelGeneration: modelGeneration, fullResolution: fullResolution)
            if let layers = renderer.cached(request) { return (layers.sourceWidth, layers.sourceHeight) }
        }
        return nil
    }
}
