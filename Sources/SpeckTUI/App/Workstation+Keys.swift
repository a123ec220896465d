import Foundation

extension Workstation {
    func handle(_ key: Key) {
        if key == .resize {
            let size = terminal.size
            layout = Layout(width: size.width, height: size.height)
            terminal.invalidate()
            return
        }
        if Layout.isTooSmall(width: terminal.size.width, height: terminal.size.height) {
            if key == .character("q") || key == .control("c") { quit(force: true) }
            return
        }
        if state.filterEditing { return editFilter(key) }
        if state.thresholdPrompt != nil { return editThresholdPrompt(key) }
        if state.screen != .main, state.overlay == nil {
            // Notice and loading screens: only quitting makes sense.
            if [.character("q"), .control("c"), .escape].contains(key) { quit(force: true) }
            return
        }
        if let overlay = state.overlay { return handleOverlay(overlay, key: key) }
        switch key {
        case .click, .wheelUp, .wheelDown: return handleMouse(key)
        default: break
        }
        guard let action = keymap.action(for: key, zoomed: state.zoom.isOn) else { return }
        if action != .interrupt { interruptPending = false }
        // The evidence row's H J K L move its spot; x toggles the pane.
        if action == .toggleEvidence, key != .character("x") { return moveEvidenceCursor(key) }
        perform(action)
    }

    func perform(_ action: Action) {
        let page = max(1, layout.list.inner.height - 1)
        switch action {
        case .moveDown: state.list.move(by: 1)
        case .moveUp: state.list.move(by: -1)
        case .moveTop: state.list.select(0)
        case .moveBottom: state.list.select(state.list.order.count - 1)
        case .pageDown: state.list.move(by: page)
        case .pageUp: state.list.move(by: -page)
        case .filter: state.filterEditing = true
        case .cycleSort:
            state.list.sort = state.list.sort.next
            if state.list.sort == .labelNext {
                state.list.queue.jumpWhenReady = true  // the cursor starts at the head of the queue
                refreshQueue()
            }
        case .cycleView:
            state.viewMode = state.viewMode.next
            // The zoomed view shows one picture: it skips side by side.
            if state.zoom.isOn, state.viewMode == .sideBySide { state.viewMode = state.viewMode.next }
        case .opacityUp: state.opacity = min(1, state.opacity + 0.1)
        case .opacityDown: state.opacity = max(0, state.opacity - 0.1)
        case .thresholdUpFine: moveThreshold(steps: 1, coarse: false)
        case .thresholdDownFine: moveThreshold(steps: -1, coarse: false)
        case .thresholdUpCoarse: moveThreshold(steps: 1, coarse: true)
        case .thresholdDownCoarse: moveThreshold(steps: -1, coarse: true)
        case .thresholdAuto: resetThreshold()
        case .thresholdTarget:
            if state.threshold == nil { return state.tell("no threshold yet: train a model first (t)", error: true) }
            state.thresholdPrompt = ""
        case .train: openTrainForm()
        case .retrain: startTraining(kind: state.model?.detector, retrain: true)
        case .loadNewerModel: loadNewerModel()
        case .cancelJob: cancelJob()
        case .interrupt: interrupt()
        case .labelNormal: setLabel(.normal)
        case .labelAnomalous: setLabel(.anomalous)
        case .clearLabel: undoLabel()
        case .nextToLabel: jumpToNextInQueue()
        case .selectRange: toggleRangeSelection()
        case .exportHeatmap: exportHeatmap()
        case .cycleTheme: cycleTheme()
        case .help: state.overlay = .help
        case .quit: quit(force: false)
        case .toggleZoomView, .zoomIn, .zoomOut, .panLeft, .panRight, .panUp, .panDown,
             .nextImage, .previousImage, .hottestSpot, .nextRegion:
            performZoom(action)
        case .toggleEvidence: toggleEvidence()
        }
    }

    func handleOverlay(_ overlay: Overlay, key: Key) {
        switch overlay {
        case .help, .report:
            if [.escape, .character("?"), .character("q"), .enter].contains(key) { state.overlay = nil }
        case .confirmQuit:
            if key == .character("y") { quit(force: true) }
            if [.escape, .character("n")].contains(key) { state.overlay = nil }
            if key == .control("c") { quit(force: true) }
        case .trainForm(var form):
            switch key {
            case .character("j"), .down: form.selected = min(form.choices.count - 1, form.selected + 1)
            case .character("k"), .up: form.selected = max(0, form.selected - 1)
            case .escape, .character("q"): state.overlay = nil; return
            case .enter:
                let choice = form.choices[form.selected]
                if let reason = choice.unavailableReason {
                    state.tell("\(choice.kind) is not available: \(reason)", error: true)
                    return
                }
                state.overlay = nil
                startTraining(kind: choice.kind, retrain: false)
                return
            default: return
            }
            state.overlay = .trainForm(form)
        }
    }

    func editFilter(_ key: Key) {
        switch key {
        case .enter: state.filterEditing = false
        case .escape:
            state.filterEditing = false
            state.list.filter = ""
        case .backspace: state.list.filter = String(state.list.filter.dropLast())
        case .character(let c): state.list.filter.append(c)
        case .control("c"): state.filterEditing = false
        default: break
        }
    }

    func editThresholdPrompt(_ key: Key) {
        guard let text = state.thresholdPrompt else { return }
        switch key {
        case .enter:
            state.thresholdPrompt = nil
            setThreshold(forTarget: text)
        case .escape, .control("c"): state.thresholdPrompt = nil
        case .backspace: state.thresholdPrompt = String(text.dropLast())
        // A target is short; a pasted screenful is not one.
        case .character(let c) where text.count < 40: state.thresholdPrompt = text + String(c)
        default: break
        }
    }

    func quit(force: Bool) {
        if state.job != nil, !force {
            state.overlay = .confirmQuit
            return
        }
        jobContext?.cancel()
        running = false
    }

    /// Ctrl-C (or SIGINT): cancels the running job; a second one quits.
    func interrupt() {
        if state.job != nil, !interruptPending {
            cancelJob()
            interruptPending = true
            state.tell("cancelling the job… Ctrl-C again quits")
        } else {
            quit(force: true)
        }
    }

    func cancelJob() {
        if state.overlay != nil { state.overlay = nil; return }
        if state.list.selectionAnchor != nil { state.list.selectionAnchor = nil; return }
        if !state.list.filter.isEmpty { state.list.filter = ""; return }
        guard let context = jobContext else {
            if state.zoom.isOn { state.zoom.isOn = false }  // with nothing to cancel, Esc leaves the zoomed view
            return
        }
        context.cancel()
        state.tell("cancelling \(state.job?.title ?? "the job")…")
    }

    func cycleTheme() {
        guard let index = themes.firstIndex(where: { $0.name == theme.name }) else { return }
        theme = themes[(index + 1) % themes.count]
        state.themeName = theme.name
        state.tell("theme: \(theme.name)")
    }
}
