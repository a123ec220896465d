import Foundation

/// A model fitted elsewhere on the same workspace (another workstation on a
/// shared PostgreSQL store, or `speck retrain` in a terminal) is announced
/// here within seconds; `M` loads it. Never switched under the inspector's feet.
extension Workstation {
    /// How often the store is asked: one small query.
    static let modelWatchInterval: DispatchTimeInterval = .seconds(2)

    func watchNewModels() {
        guard modelWatch == nil else { return }
        let timer = DispatchSource.makeTimerSource(queue: Self.storeQueue)
        var announced: String?
        timer.setEventHandler { [backend, mailbox] in
            guard let newer = try? backend.newerModel(), newer.name != announced else { return }
            announced = newer.name
            mailbox.post(.newerModel(newer))
        }
        timer.schedule(deadline: .now() + Self.modelWatchInterval, repeating: Self.modelWatchInterval)
        timer.resume()
        modelWatch = timer
    }

    func announce(newer model: ModelSummary) {
        // A fit here makes models too: its own result is not news.
        guard state.job == nil else { return }
        state.newerModel = model
        state.tell("model \(model.name) (\(model.detector)) was fitted elsewhere on this workspace: M loads it")
    }

    func loadNewerModel() {
        guard state.job == nil else { return state.tell("a job is running: load the newer model once it is done", error: true) }
        guard let newer = state.newerModel else { return state.tell("no model newer than \(state.model?.name ?? "none") in the workspace") }
        state.tell("loading model \(newer.name)…")
        Self.storeQueue.async { [backend, mailbox] in
            do { mailbox.post(.modelLoaded(try backend.loadNewestModel())) } catch {
                mailbox.post(.message("model \(newer.name) not loaded: \(error)", isError: true))
            }
        }
    }

    /// The newest model's scores on the list, with its calibration and threshold.
    func adoptLoadedModel(_ catalogue: Catalogue) {
        let scores = Dictionary(catalogue.entries.map { ($0.id, ($0.rawScore, $0.normalisedScore)) }, uniquingKeysWith: { first, _ in first })
        state.list.updateAll { entry in
            entry.rawScore = scores[entry.id]?.0
            entry.normalisedScore = scores[entry.id]?.1
        }
        state.model = catalogue.model
        state.calibration = catalogue.calibration
        state.threshold = catalogue.threshold
        state.newerModel = nil
        modelGeneration += 1
        renderer.reset()
        state.list.reorder()
        refreshQueue()
        state.tell("model \(catalogue.model?.name ?? "?") loaded" + (catalogue.messages.first.map { ": \($0)" } ?? ""))
    }
}
