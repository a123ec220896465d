import Foundation
import SpeckDetectors

/// The evidence pane (`x`): why the selected image's hottest spot, or the
/// spot under the zoomed view's cursor, scored as it did. Evidence is found on
/// a background queue (a backbone pass per new image, a bank lookup and one
/// crop decode per spot) and the neighbours' is found ahead, so moving
/// through the list finds it ready.
extension Workstation {
    static let evidenceQueue = DispatchQueue(label: "speck.evidence", qos: .userInitiated)

    /// Columns the zoomed view gives the evidence pane on its right.
    var zoomedEvidenceWidth: Int { state.evidence.isOn ? max(30, min(56, layout.statusLine.width * 2 / 5)) : 0 }

    func toggleEvidence() {
        state.evidence.isOn.toggle()
        if state.evidence.isOn, !(backend is EvidenceProviding) {
            state.evidence.isOn = false
            state.tell("this workstation's backend cannot show evidence", error: true)
        }
    }

    /// H J K L: one patch left, down, up, right.
    func moveEvidenceCursor(_ key: Key) {
        switch key {
        case .character("H"): moveEvidenceCursor(x: -1, y: 0)
        case .character("J"): moveEvidenceCursor(x: 0, y: 1)
        case .character("K"): moveEvidenceCursor(x: 0, y: -1)
        case .character("L"): moveEvidenceCursor(x: 1, y: 0)
        default: break
        }
    }

    /// Moves the cursor one patch from the spot shown (the hottest at first), showing the evidence pane.
    func moveEvidenceCursor(x: Int, y: Int) {
        guard let entry = state.list.selectedEntry else { return state.tell("no image selected", error: true) }
        state.evidence.isOn = true
        let request = evidenceRequest(for: entry)
        guard case .shown(let shown)? = state.evidence.outcomes[request] else {
            return state.tell("evidence for this image is not ready yet")
        }
        let e = shown.evidence
        let spot = EvidenceSpot(x: min(shown.imageWidth - 1, max(0, e.spotX + x * e.testBox.width)),
                                y: min(shown.imageHeight - 1, max(0, e.spotY + y * e.testBox.height)))
        state.evidence.cursor = spot
        state.evidence.cursorEntryId = entry.id
        // Keep the cursor in the zoomed window.
        if state.zoom.isOn, state.zoom.level.scale != nil {
            state.zoom.centre(onX: (Double(spot.x) + 0.5) / Double(shown.imageWidth),
                              y: (Double(spot.y) + 0.5) / Double(shown.imageHeight))
        }
    }

    func evidenceRequest(for entry: ImageEntry) -> EvidenceRequest {
        EvidenceRequest(entryId: entry.id, modelGeneration: modelGeneration, spot: state.evidence.spot(onEntry: entry.id))
    }

    /// What the evidence pane shows for the selected image, asking for it (and the neighbours') when not found yet.
    func evidenceContent() -> EvidencePane.Content {
        guard let entry = state.list.selectedEntry else { return .waiting("no image selected") }
        if let problem = entry.problem { return .problem(problem) }
        guard state.model != nil else { return .waiting("no model yet: train one first (t)") }
        guard entry.rawScore != nil else { return .waiting("not scored yet") }
        let request = evidenceRequest(for: entry)
        if state.evidence.awaited?.request != request { state.evidence.awaited = (request, DispatchTime.now()) }
        let nearby = neighbours().filter { $0.rawScore != nil }.map { (evidenceRequest(for: $0), $0) }
        state.evidence.wanted.replace(with: [request] + nearby.map(\.0))
        if case .shown(let shown)? = state.evidence.outcomes[request], shown.crops.training != nil,
           let path = shown.evidence.trainingFile?.path, !FileManager.default.fileExists(atPath: path) {
            // The training image went away since its crop was read: read again, to say so.
            state.evidence.outcomes[request] = nil
        }
        switch state.evidence.outcomes[request] {
        case .shown(let shown)?:
            for (next, neighbour) in nearby { findEvidence(next, entry: neighbour) }
            if let awaited = state.evidence.awaited, awaited.request == request, let since = awaited.since {
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - since.uptimeNanoseconds) / 1e6
                latency.recordEvidence(milliseconds: elapsed, jobRunning: state.job != nil)
                state.evidence.awaited = (request, nil)
            }
            return .shown(shown, cursor: request.spot != nil)
        case .failed(let reason)?: return .problem(reason)
        case nil:
            findEvidence(request, entry: entry)
            return .waiting("finding the nearest normal patch…")
        }
    }

    func findEvidence(_ request: EvidenceRequest, entry: ImageEntry) {
        guard state.evidence.outcomes[request] == nil, !state.evidence.inFlight.contains(request),
              let provider = backend as? EvidenceProviding else { return }
        state.evidence.inFlight.insert(request)
        let wanted = state.evidence.wanted
        Self.evidenceQueue.async { [mailbox] in
            guard wanted.contains(request) else { return mailbox.post(.evidenceDropped(request)) }
            do {
                let spot = request.spot
                mailbox.post(.evidenceReady(request, .shown(try provider.evidence(for: entry, at: spot))))
            } catch {
                mailbox.post(.evidenceReady(request, .failed("\(error)")))
            }
        }
    }

    /// The pane in the list view, in place of the image pane.
    func drawEvidence(into buffer: inout ScreenBuffer, rect: Rect) {
        let content = evidenceContent()
        let drawn = EvidencePane.draw(content, title: state.list.selectedEntry?.relativePath ?? "no image",
                                      renderer: evidenceRenderer, into: &buffer, rect: rect, theme: theme)
        noteEvidencePictures(drawn, of: content)
    }

    /// The zoomed view: the pane on the right, and the spot marked on the picture.
    func drawZoomedEvidence(into buffer: inout ScreenBuffer) {
        guard state.evidence.isOn else { return }
        let picture = zoomedPaneRect
        let rect = Rect(x: picture.x + picture.width, y: picture.y, width: zoomedEvidenceWidth, height: picture.height)
        let content = evidenceContent()
        let drawn = EvidencePane.draw(content, title: state.list.selectedEntry?.relativePath ?? "no image",
                                      renderer: evidenceRenderer, into: &buffer, rect: rect, theme: theme)
        noteEvidencePictures(drawn, of: content)
        guard case .shown(let shown, _) = content else { return }
        let geometry = ZoomedPicture(imageWidth: shown.imageWidth, imageHeight: shown.imageHeight, inner: picture.inner,
                                     level: state.zoom.level, centreX: state.zoom.centreX, centreY: state.zoom.centreY,
                                     unitsPerCell: zoomUnitsPerCell)
        let e = shown.evidence
        let column = geometry.left + Int((Double(e.spotX - geometry.windowX) + 0.5) * Double(geometry.pixelWidth) / Double(geometry.windowWidth))
        let row = geometry.top + Int((Double(e.spotY - geometry.windowY) + 0.5) * Double(geometry.pixelHeight) / Double(geometry.windowHeight)) / 2
        guard picture.inner.contains(x: column, y: row) else { return }
        buffer.text("✛", x: column, y: row, style: theme.warn)
    }

    func evidenceArrived(_ request: EvidenceRequest, _ outcome: EvidenceOutcome) {
        state.evidence.store(outcome, for: request)
    }
}
