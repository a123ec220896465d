import Foundation

/// Terminal graphics: the pictures ncurses draws as half-blocks are replaced
/// by real pixels (kitty, sixel, iTerm2) in the same cells, which are left blank.
extension Workstation {
    /// The renderer for pictures; with graphics on it also notes where each one went.
    var pictureRenderer: HalfBlockRenderer {
        HalfBlockRenderer(colorMode: terminal.colorMode, log: imageSender == nil ? nil : pictureLog)
    }

    /// The kernel's figure (it follows font size changes), else the terminal's answer at start, else 8x16.
    var cellPixels: CellPixelSize { CellPixelSize.fromWindowSize() ?? graphicsChoice.reportedCell ?? .fallback }

    /// With graphics on, each fitted request also asks for the same picture at device pixels.
    func withDevicePictures(_ requests: [(PaneRequest, ImageEntry)]) -> [(PaneRequest, ImageEntry)] {
        guard imageSender != nil else { return requests }
        let cell = cellPixels
        return requests + requests.filter { !$0.0.fullResolution }.map { request, entry in
            var device = request
            device.cellPixels = cell
            return (device, entry)
        }
    }

    /// Presents the text, with the pictures' cells blank, then sends the pictures that changed.
    func presentWithGraphics(_ frame: ScreenBuffer) {
        guard let imageSender else {
            terminal.present(frame)
            return
        }
        var buffer = frame
        let scene = graphicsScene()
        for box in scene?.boxes ?? [] { buffer.fill(box, style: theme.base) }
        if imageSender.update(scene) { terminal.invalidate() }
        let repainted = terminal.present(buffer)
        imageSender.flush(textRepaintedInFull: repainted)
    }

    /// The pictures this frame shows as real pixels; nil when the pane is text
    /// (help, dialogs, messages, a too small screen) or its pixels are not ready yet
    /// (the half-blocks stay until they are).
    func graphicsScene() -> GraphicsScene? {
        let size = terminal.size
        guard !Layout.isTooSmall(width: size.width, height: size.height), state.screen == .main, state.overlay == nil,
              let entry = state.list.selectedEntry, entry.problem == nil else { return nil }
        return GraphicsScene.joining(imageScene(entry: entry), evidenceScene())
    }

    /// The image pane's picture (the zoomed view's window).
    func imageScene(entry: ImageEntry) -> GraphicsScene? {
        guard !pictureLog.boxes.isEmpty else { return nil }
        let boxes = pictureLog.boxes
        let zoomed = state.zoom.isOn
        let inner = zoomed ? zoomedPaneRect.inner : layout.pane.inner
        if zoomed, let scale = state.zoom.level.scale {
            return zoomedScene(entry: entry, inner: inner, scale: scale, boxes: boxes)
        }
        var request = paneRequest(for: entry, inner: inner, fullResolution: false)
        request.cellPixels = cellPixels
        guard let layers = renderer.cached(request) else {
            if renderer.failure(request) == nil {
                let fitted = paneRequest(for: entry, inner: inner, fullResolution: false)
                wantPictures([(fitted, entry)] + neighbours().map { (paneRequest(for: $0, inner: inner, fullResolution: false), $0) })
            }
            return nil
        }
        let sideBySide = !zoomed && state.viewMode == .sideBySide
        let mode = state.viewMode == .sideBySide ? .image : state.viewMode
        let key = pictureKey(request, mode: state.viewMode, window: [], entry: entry, boxes: boxes)
        let composer = paneComposer(mode: mode), panels = sideBySideView(for: entry)
        let sizes = boxes.map { $0.pixelSize(cell: cellPixels) }, background = theme.base.background
        return GraphicsScene(key: key, boxes: boxes) {
            let pictures = sideBySide ? panels.panels(layers).compactMap(\.picture) : [composer.compose(layers)]
            return zip(pictures, sizes).map { $0.centred(inWidth: $1.width, height: $1.height, fill: background) }
        }
    }

    /// The zoomed window at the image's own resolution, each image pixel a block of device pixels.
    func zoomedScene(entry: ImageEntry, inner: Rect, scale: Int, boxes: [Rect]) -> GraphicsScene? {
        let request = paneRequest(for: entry, inner: inner, fullResolution: true)
        guard boxes.count == 1, let layers = renderer.cached(request) else { return nil }
        let viewport = zoomViewport(imageWidth: layers.width, imageHeight: layers.height, inner: inner, scale: scale)
        let mode = state.viewMode == .sideBySide ? .image : state.viewMode
        let window = [viewport.x, viewport.y, viewport.width, viewport.height, scale]
        let key = pictureKey(request, mode: mode, window: window, entry: entry, boxes: boxes)
        let size = boxes[0].pixelSize(cell: cellPixels), composer = paneComposer(mode: mode)
        let background = theme.base.background
        return GraphicsScene(key: key, boxes: boxes) {
            // Exactly `scale` screen pixels per image pixel across and down, in the middle of the box's cells.
            let shown = layers.cropped(x: viewport.x, y: viewport.y, width: viewport.width, height: viewport.height)
            return [composer.compose(shown).resizedNearest(width: viewport.width * scale, height: viewport.height * scale)
                .centred(inWidth: size.width, height: size.height, fill: background)]
        }
    }

    /// What the zoomed view's levels count in: half-block pixels, or with graphics on the
    /// terminal's own pixels, so that 1:1 shows one image pixel per screen pixel.
    /// Per cell across, and per half cell down (`Viewport` counts two rows per cell).
    var zoomUnitsPerCell: (across: Int, down: Int) {
        guard imageSender != nil else { return (1, 1) }
        let cell = cellPixels
        return (cell.width, max(1, cell.height / 2))
    }

    func zoomViewport(imageWidth: Int, imageHeight: Int, inner: Rect, scale: Int) -> Viewport {
        let units = zoomUnitsPerCell
        return Viewport(imageWidth: imageWidth, imageHeight: imageHeight, columns: inner.width * units.across,
                        rows: inner.height * units.down, scale: scale, centreX: state.zoom.centreX, centreY: state.zoom.centreY)
    }

    /// The zoomed window as half-blocks: each image pixel repeated `scale` times, or with
    /// graphics on the window shrunk to the cells its real pixels will cover (shown until they arrive).
    func halfBlockLayers(_ layers: PaneLayers, showing viewport: Viewport) -> PaneLayers {
        let units = zoomUnitsPerCell
        guard units != (1, 1) else { return layers.zoomed(to: viewport) }
        let (columns, halfRows) = ZoomedPicture.halfBlockSize(of: viewport, unitsPerCell: units)
        // One gather straight from the full layers (no copy of the window first: this runs on the UI thread).
        let x0 = max(0, min(viewport.x, layers.width - 1)), y0 = max(0, min(viewport.y, layers.height - 1))
        let w = max(1, min(viewport.width, layers.width - x0)), h = max(1, min(viewport.height, layers.height - y0))
        var sources = [Int]()
        sources.reserveCapacity(columns * halfRows)
        for row in 0..<halfRows {
            let y = y0 + min(h - 1, row * h / halfRows)
            for column in 0..<columns { sources.append(y * layers.width + x0 + min(w - 1, column * w / columns)) }
        }
        return layers.gathered(sources, width: columns, height: halfRows)
    }

    func pictureKey(_ request: PaneRequest, mode: ViewMode, window: [Int], entry: ImageEntry, boxes: [Rect]) -> PictureKey {
        PictureKey(request: request, layersGeneration: renderer.generation, mode: mode, opacity: state.opacity,
                   pixelThreshold: state.calibration?.pixelThreshold ?? state.threshold?.value, themeName: theme.name,
                   window: window, hasModel: state.model != nil, isScored: entry.rawScore != nil, boxes: boxes)
    }
}
