import Foundation

extension Workstation {
    /// Applies everything background work reported since the last frame. Returns whether anything changed.
    func applyEvents() -> Bool {
        let events = mailbox.drain()
        var reorder = false
        for event in events {
            switch event {
            case .opened(let catalogue): opened(catalogue)
            case .openFailed(let reason):
                state.screen = .notice(title: "Cannot open \(state.folderTitle)", lines: [reason, "", "q quits"])
            case .jobProgress(let progress):
                guard var job = state.job else { break }
                if progress.stage != job.stage { job.stageStartedAt = Date() }
                job.stage = progress.stage
                job.done = progress.done
                job.total = progress.total
                job.detail = progress.detail
                state.job = job
            case .jobMessage(let text): state.tell(text)
            case .modelFitted(let outcome):
                adopt(outcome)
                state.list.updateAll { $0.rawScore = nil; $0.normalisedScore = nil }
                reorder = true
            case .scored(let update):
                state.list.update(id: update.entryId) {
                    $0.rawScore = update.raw
                    $0.normalisedScore = update.normalised
                    if let problem = update.problem { $0.problem = problem }
                }
                reorder = true
            case .verified:
                let entries = state.list.entries
                if !entries.isEmpty, entries.allSatisfy({ $0.problem != nil }) {
                    state.overlay = nil
                    state.screen = .notice(title: "Only unreadable files in \(state.folderTitle)", lines:
                        ["None of the \(entries.count) image files can be read:"]
                        + entries.prefix(10).map { "⚠ \($0.relativePath): \($0.problem!)" }
                        + (entries.count > 10 ? ["… and \(entries.count - 10) more"] : []) + ["", "q quits"])
                }
            case .jobFinished(let outcome):
                adopt(outcome)
                let title = state.job?.title ?? "job"
                finishJob()
                state.tell("\(title) done: model \(outcome.model.name)")
                carryTarget(afterJob: title, model: outcome.model.name)
                refreshQueue()
                if let comparison = outcome.comparison {
                    state.overlay = .report(title: "Retrain: before / after", lines: comparison)
                }
                reorder = true
            case .jobFailed(let reason):
                finishJob()
                state.tell("job failed: \(reason)", error: true)
            case .jobCancelled:
                finishJob()
                state.tell("job cancelled")
            case .layersReady(let request, let layers): renderer.finished(request, layers: layers, failure: nil)
            case .layersFailed(let request, let reason): renderer.finished(request, layers: nil, failure: reason)
            case .picturesEncoded: break  // the next frame sends them
            case .evidenceReady(let request, let outcome): evidenceArrived(request, outcome)
            case .evidenceDropped(let request): state.evidence.inFlight.remove(request)
            case .message(let text, let isError): state.tell(text, error: isError)
            case .labelsRestored(let labels, let message): restoreLabels(labels, message: message)
            case .queueReady(let queued, let request): adoptQueue(queued, request: request)
            case .labelsStored(let labels): adoptStoredLabels(labels)
            case .labelWatchStarted(let watch): labelWatch = watch
            case .signal(let number):
                if number == SIGINT { interrupt() } else { quit(force: true) }
            }
        }
        if reorder { state.list.reorder() }
        return !events.isEmpty
    }

    func opened(_ catalogue: Catalogue) {
        state.folderTitle = catalogue.title
        state.list = ImageList(entries: catalogue.entries)
        state.model = catalogue.model
        state.calibration = catalogue.calibration
        state.threshold = catalogue.threshold
        if let notice = catalogue.notice {
            state.screen = .notice(title: notice.title, lines: notice.lines)
            return
        }
        state.screen = .main
        verifyInBackground(catalogue.entries)
        watchOtherWorkstations()
        refreshQueue()
        if let first = catalogue.messages.first {
            state.tell(catalogue.messages.count > 1 ? "\(first) (+\(catalogue.messages.count - 1) more)" : first,
                       error: true)
        }
        if catalogue.model == nil { state.overlay = .trainForm(backend.trainForm()) }
    }

    /// Decodes every image once, off the UI thread, so files that only fail
    /// past their header (truncated) show up as problems without being selected.
    func verifyInBackground(_ entries: [ImageEntry]) {
        let candidates = entries.filter { $0.problem == nil }
        DispatchQueue.global(qos: .utility).async { [backend, mailbox] in
            for entry in candidates {
                if let problem = backend.verify(entry) { mailbox.post(.scored(ScoreUpdate(entryId: entry.id, problem: problem))) }
            }
            mailbox.post(.verified)
        }
    }

    func adopt(_ outcome: TrainOutcome) {
        state.model = outcome.model
        state.calibration = outcome.calibration
        state.threshold = outcome.threshold
        if let calibration = outcome.calibration {
            state.list.updateAll { entry in entry.normalisedScore = entry.rawScore.map(calibration.normalisedScore) }
        }
        modelGeneration += 1
        renderer.reset()
    }

    func finishJob() {
        state.job = nil
        jobContext = nil
        interruptPending = false
    }
}
