import Foundation
import SpeckDetectors

extension Workstation {
    func draw() {
        let size = terminal.size
        if layout != Layout(width: size.width, height: size.height) { layout = Layout(width: size.width, height: size.height) }
        var buffer = ScreenBuffer(width: size.width, height: size.height, fill: theme.base)
        pictureLog.reset()
        evidencePictures.reset()
        if Layout.isTooSmall(width: size.width, height: size.height) {
            TooSmallScreen.draw(into: &buffer, theme: theme)
        } else {
            switch state.screen {
            case .loading:
                NoticeScreen.draw(title: "speck", lines: ["Opening \(state.folderTitle)…"], into: &buffer, theme: theme)
            case .notice(let title, let lines):
                NoticeScreen.draw(title: title, lines: lines, into: &buffer, theme: theme)
            case .main:
                drawMain(into: &buffer)
            }
            switch state.overlay {
            case .help?: HelpOverlay.draw(keymap: keymap.scoped(zoomed: state.zoom.isOn), footer: graphicsChoice.summary,
                                          into: &buffer, theme: theme)
            case let overlay?: DialogPanel.draw(overlay, into: &buffer, theme: theme)
            case nil: break
            }
        }
        presentWithGraphics(buffer)
    }

    func drawMain(into buffer: inout ScreenBuffer) {
        if state.zoom.isOn { return drawZoomed(into: &buffer) }
        HeaderBar.draw(state, colorMode: terminal.colorMode, into: &buffer, rect: layout.header, theme: theme)
        ImageListPanel.draw(&state, into: &buffer, rect: layout.list, theme: theme)
        HistogramPanel.draw(state, into: &buffer, rect: layout.histogram, theme: theme)
        if state.evidence.isOn {
            drawEvidence(into: &buffer, rect: layout.pane)
        } else {
            ImagePane.draw(paneContent(), state: state, renderer: pictureRenderer,
                           into: &buffer, rect: layout.pane, theme: theme)
        }
        DetailsPanel.draw(state, into: &buffer, rect: layout.details, theme: theme)
        StatusBar.draw(state, keymap: keymap.scoped(zoomed: false), into: &buffer, messageLine: layout.messageLine,
                       statusLine: layout.statusLine, theme: theme)
    }

    /// The picture for the selected image, asking the renderer for it (and
    /// its neighbours, so scrolling finds them ready) when not cached yet.
    func paneContent() -> ImagePane.Content {
        paneContent(inner: layout.pane.inner, fullResolution: false) { $0 }
    }

    /// `show` turns the prepared layers into what is drawn (the zoomed view crops them).
    func paneContent(inner: Rect, fullResolution: Bool, show: (PaneLayers) -> PaneLayers) -> ImagePane.Content {
        guard let entry = state.list.selectedEntry else { return .waiting("no image selected") }
        if let problem = entry.problem { return .problem(problem) }
        func request(for entry: ImageEntry) -> PaneRequest { paneRequest(for: entry, inner: inner, fullResolution: fullResolution) }
        let current = request(for: entry)
        if let layers = renderer.cached(current) {
            prefetchNeighbours(request: request)
            if state.viewMode == .sideBySide, !fullResolution { return .sideBySide(sideBySideView(for: entry).panels(layers)) }
            // The zoomed view shows one picture: side by side, that is the image.
            let mode = state.viewMode == .sideBySide ? .image : state.viewMode
            let composer = paneComposer(mode: mode)
            if layers.heat == nil, mode != .image, mode != .truthContour, state.model != nil, entry.rawScore == nil {
                return .waiting("not scored yet")
            }
            if layers.heat == nil, mode != .image, mode != .truthContour, entry.rawScore != nil {
                // A score-only detector (Deep SVDD on pixels): say so rather than paint a map that does not exist.
                return .waiting("this detector has no map: press v for the image")
            }
            return .picture(composer.compose(show(layers)))
        }
        if let failure = renderer.failure(current) { return .problem(failure) }
        wantPictures([(current, entry)] + neighbours().map { (request(for: $0), $0) })
        return .waiting("loading…")
    }

    /// The picture request for `entry` in `inner` (one pane of it in the side-by-side view).
    func paneRequest(for entry: ImageEntry, inner: Rect, fullResolution: Bool) -> PaneRequest {
        let size = pictureSize(for: entry, in: inner, sideBySide: !fullResolution && state.viewMode == .sideBySide)
        return PaneRequest(entryId: entry.id, columns: size.columns, rows: size.rows, modelGeneration: modelGeneration,
                           fullResolution: fullResolution)
    }

    func paneComposer(mode: ViewMode) -> ViewComposer {
        ViewComposer(mode: mode, opacity: state.opacity,
                     pixelThreshold: state.calibration?.pixelThreshold ?? state.threshold?.value, theme: theme)
    }

    func neighbours() -> [ImageEntry] {
        let visible = state.list.visible, selected = state.list.selected
        return [selected + 1, selected - 1].filter { visible.indices.contains($0) && visible[$0].problem == nil }.map { visible[$0] }
    }

    func prefetchNeighbours(request: (ImageEntry) -> PaneRequest) {
        let missing = neighbours().filter { renderer.cached(request($0)) == nil }
        guard !missing.isEmpty, let entry = state.list.selectedEntry else { return }
        wantPictures([(request(entry), entry)] + missing.map { (request($0), $0) })
    }

    func wantPictures(_ requests: [(PaneRequest, ImageEntry)]) {
        let calibration = state.calibration
        renderer.want(withDevicePictures(requests), backend: backend, normalise: { raw in calibration?.normalisedPixel(raw) ?? 0 }, mailbox: mailbox)
    }
}
