import Foundation
import SpeckDetectors
import SpeckEvaluation

extension Workstation {
    /// Writes to the store off the UI thread, in order, without waiting behind a fit.
    static let storeQueue = DispatchQueue(label: "speck.store", qos: .userInitiated)

    func openTrainForm() {
        guard state.screen == .main else { return }
        if state.job != nil { return state.tell("a job is running (Esc cancels it)", error: true) }
        state.overlay = .trainForm(backend.trainForm())
    }

    func startTraining(kind: String?, retrain: Bool) {
        if state.job != nil { return state.tell("a job is running (Esc cancels it)", error: true) }
        guard let kind else { return state.tell("no model yet: press t to train one first", error: true) }
        let title = retrain ? "retrain \(kind)" : "fit \(kind)"
        state.job = JobStatus(title: title)
        state.tell("\(title) started")
        interruptPending = false
        carriedTarget = state.threshold?.target
        let mailbox = self.mailbox
        let context = FitContext(onProgress: { mailbox.post(.jobProgress(JobProgress(stage: $0.stage, done: $0.done, total: $0.total, detail: $0.detail))) },
                                 onMessage: { mailbox.post(.jobMessage($0)) })
        jobContext = context
        jobQueue.async { [backend] in
            do {
                let outcome = try backend.train(kind: kind, retrain: retrain, context: context,
                                                progress: { mailbox.post(.jobProgress($0)) },
                                                fitted: { mailbox.post(.modelFitted($0)) },
                                                scored: { mailbox.post(.scored($0)) })
                mailbox.post(.jobFinished(outcome))
            } catch DetectorError.cancelled {
                mailbox.post(.jobCancelled)
            } catch {
                mailbox.post(context.isCancelled ? .jobCancelled : .jobFailed("\(error)"))
            }
        }
    }

    /// Fine steps move the threshold just past the next image's score, so
    /// each press flips exactly one verdict; coarse steps move 5% of the score range.
    func moveThreshold(steps: Int, coarse: Bool) {
        guard var threshold = state.threshold else { return state.tell("no threshold yet: train a model first (t)", error: true) }
        let scores = Array(Set(state.scores)).sorted()
        guard let low = scores.first, let high = scores.last else { return }
        if coarse {
            let step = max((high - low) * 0.05, Float.ulpOfOne)
            threshold.value += Float(steps) * step
        } else if steps > 0 {
            // Smallest score at or above the threshold: move just above it.
            if let next = scores.first(where: { $0 >= threshold.value }) {
                let after = scores.first(where: { $0 > next })
                threshold.value = after.map { (next + $0) / 2 } ?? next + max((high - low) * 0.01, 1e-6)
            }
        } else {
            // Largest score below the threshold: move to it (it becomes flagged).
            if let previous = scores.last(where: { $0 < threshold.value }) {
                let before = scores.last(where: { $0 < previous })
                threshold.value = before.map { (previous + $0) / 2 } ?? previous - max((high - low) * 0.01, 1e-6)
            }
        }
        adoptManualThreshold(threshold)
    }

    /// A threshold set by hand (keys or a click on the histogram): no target any more, and saved.
    func adoptManualThreshold(_ threshold: Threshold) {
        var threshold = threshold
        threshold.target = nil
        state.threshold = threshold
        saveThreshold(threshold)
    }

    /// The `=` prompt: the threshold that meets a target on the held-out images
    /// of known truth, the same images the confusion counts are over.
    func setThreshold(forTarget text: String) {
        do {
            let chosen = try applyTarget(try ThresholdTarget(parsing: text))
            // An unmet target is said first: on a narrow screen the counts are in the details panel too.
            state.tell(chosen.shortfall.map { "target \(chosen.target): \($0)" } ?? chosen.method, error: chosen.shortfall != nil)
        } catch {
            state.tell("\(error)", error: true)
        }
    }

    /// After a fit: the target that was in force chooses the new model's threshold too.
    func carryTarget(afterJob title: String, model: String) {
        defer { carriedTarget = nil }
        guard let target = carriedTarget, state.threshold?.target == nil else { return }
        do {
            let chosen = try applyTarget(target)
            state.tell("\(title) done: model \(model); target \(target) kept: "
                       + (chosen.shortfall ?? "TP \(chosen.truePositives) FP \(chosen.falsePositives) FN \(chosen.falseNegatives) TN \(chosen.trueNegatives)"),
                       error: chosen.shortfall != nil)
        } catch {
            state.tell("\(title) done: model \(model); target \(target) not kept: \(error)", error: true)
        }
    }

    /// Sets and saves the threshold that meets `target` on the held-out images of known truth.
    @discardableResult
    func applyTarget(_ target: ThresholdTarget) throws -> TargetThreshold {
        guard var threshold = state.threshold else { throw WorkstationError.noThreshold }
        let outcomes = state.list.entries.filter { !$0.isTraining }.compactMap(\.outcome)
        let chosen = try TargetThreshold(target, scores: outcomes.map(\.score), anomalous: outcomes.map(\.anomalous))
        threshold.value = chosen.threshold
        threshold.target = target
        state.threshold = threshold
        saveThreshold(threshold)
        return chosen
    }

    func resetThreshold() {
        guard var threshold = state.threshold else { return }
        threshold.value = threshold.automatic
        threshold.target = nil
        state.threshold = threshold
        state.tell("threshold back to automatic: \(Format.score(threshold.value))")
        saveThreshold(threshold)
    }

    func saveThreshold(_ threshold: Threshold) {
        refreshQueue()
        Self.storeQueue.async { [backend, mailbox] in
            do { try backend.setThreshold(threshold) } catch {
                mailbox.post(.message("threshold not saved: \(error)", isError: true))
            }
        }
    }

    func exportHeatmap() {
        guard let entry = state.list.selectedEntry else { return }
        guard entry.rawScore != nil else { return state.tell("\(entry.relativePath) has no heatmap yet (train first)", error: true) }
        let colourMap = theme.heatmap
        Self.storeQueue.async { [backend, mailbox] in
            do {
                let path = try backend.exportHeatmap(entry, colourMap: colourMap)
                mailbox.post(.message("heatmap saved to \(path)", isError: false))
            } catch {
                mailbox.post(.message("heatmap of \(entry.relativePath) not exported: \(error)", isError: true))
            }
        }
    }
}
