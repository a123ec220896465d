import Foundation
import SpeckDetectors
import SpeckEvaluation
import SpeckImaging
import SpeckWorkspace

extension WorkspaceBackend {
    public func trainForm() -> TrainForm {
        let choices = registry.entries.map { entry in
            TrainForm.Choice(kind: entry.kind, summary: entry.summary,
                             unavailableReason: entry.needsBackbone && !weightsAvailable ? "no weights" : nil)
        }
        let note = weightsAvailable ? nil
            : "no EfficientNet-Lite0 weights at \(weightsPath) (./dev setup fetches them)"
        // PatchCore when it can run, else LBP (works without weights), else anything available.
        let preferred = ["patchcore", "lbp"].compactMap { kind in
            choices.firstIndex { $0.kind == kind && $0.unavailableReason == nil }
        }
        let selected = preferred.first ?? choices.firstIndex { $0.unavailableReason == nil } ?? 0
        return TrainForm(choices: choices, selected: selected, note: note, lastComparison: lastComparisonLines())
    }

    /// The stored comparison's caption and compact table (at most 12 entries), or
    /// one line saying why it cannot be read; empty when there is none.
    func lastComparisonLines() -> [String] {
        guard let workspace = lock.withLock({ workspace }) else { return [] }
        do {
            guard let comparison = try workspace.lastComparison() else { return [] }
            var shown = comparison
            shown.rows = Array(comparison.rows.prefix(12))
            let table = DetectorComparisonTable(shown)
            let more = comparison.rows.count > 12 ? ["… \(comparison.rows.count - 12) more (speck eval --json lists all)"] : []
            return [table.caption] + table.compactLines + more
        } catch {
            return ["Last comparison: \(error)"]
        }
    }

    /// The images a fit learns from: MVTec train/good, else the `good/`
    /// folder, else every readable image; a retrain adds images labelled
    /// normal and drops any labelled anomalous.
    func trainingEntries(retrain: Bool) throws -> (entries: [ImageEntry], note: String) {
        let all = lock.withLock { entries }.filter { $0.problem == nil }
        var chosen = all.filter(\.isTraining)
        var note = "train split"
        if chosen.isEmpty {
            chosen = all.filter { $0.groundTruth == .normal }
            note = "images in good/"
        }
        if chosen.isEmpty {
            chosen = all
            note = DatasetPlan.assumingRareDefects(all.count) + "; no train/good, good/, ok/ or normal/ folder"
        }
        if retrain {
            let labelledNormal = all.filter { $0.label == .normal && !chosen.contains($0) }
            chosen += labelledNormal
            chosen.removeAll { $0.label == .anomalous }
            note += " + \(labelledNormal.count) labelled normal"
        }
        guard !chosen.isEmpty else { throw BackendError.noTrainingImages("every candidate is labelled anomalous") }
        return (chosen, note)
    }

    public func train(kind: String, retrain: Bool, context: FitContext, progress: @escaping @Sendable (JobProgress) -> Void,
                      fitted: @escaping @Sendable (TrainOutcome) -> Void,
                      scored: @escaping @Sendable (ScoreUpdate) -> Void) throws -> TrainOutcome {
        guard let workspace = lock.withLock({ self.workspace }) else { throw BackendError.notOpen }
        // Labels may have changed in this session: take them from the store.
        refreshLabels(workspace)
        let (training, note) = try trainingEntries(retrain: retrain)
        let previous = lock.withLock { (model: currentModel, scores: currentScores, calibration: currentCalibration) }
        let detector = try registry.makeDetector(kind: kind, weightsPath: weightsAvailable ? weightsPath : nil)
        let samples = lock.withLock { samplesById }
        let trainingSet = TrainingSet(samples: training.compactMap { samples[$0.id] }, workers: 2,
                                      progress: { progress(JobProgress(stage: $0, done: $1, total: $2)) })
        for skipped in trainingSet.skipped { context.tell("skipped \(skipped.path): \(skipped.reason)") }
        context.tell("fitting \(kind) on \(trainingSet.paths.count) images (\(note))")
        let started = Date()
        try detector.fit(trainingSet.images, context: context)
        let fitSeconds = Date().timeIntervalSince(started)
        let configuration = detector.configuration
        let provisional = ModelSummary(name: "new", detector: configuration.detector, backbone: configuration.backbone,
                                       fittedAt: Date(), fitSeconds: fitSeconds, trainingImages: trainingSet.paths.count)
        lock.withLock { pendingMaps = [:]; currentModel = nil; currentScores = [:]; currentCalibration = nil }
        fitted(TrainOutcome(model: provisional, calibration: nil, threshold: nil))

        // Score everything one image at a time, streaming each result to the list. Samples carry the
        // inspector's label in place of the folder's, so the threshold follows the labels.
        let targets = lock.withLock { entries }.filter { $0.problem == nil }
        let trainingIds = Set(training.map(\.id))
        // Two images at a time (one per core); each pair's scores are shown as soon as it is done.
        let workers = 2
        let scorer = BatchScorer(detector: detector, workers: workers, recordingNearestPatches: true)
        var results: [(entry: ImageEntry, scored: ScoredSample, seconds: Double)] = []
        for chunkStart in stride(from: 0, to: targets.count, by: workers) {
            try context.checkCancelled()
            progress(JobProgress(stage: "scoring", done: chunkStart, total: targets.count))
            let chunk = Array(targets[chunkStart..<min(targets.count, chunkStart + workers)])
            let begin = Date()
            let outcome = scorer.score(chunk.map { Self.sample(samples[$0.id], labelledAs: $0.label, path: $0.path) })
            // Wall time per image of the pair: what a user waits per image with both cores busy.
            let seconds = Date().timeIntervalSince(begin) / Double(chunk.count)
            for entry in chunk {
                if let result = outcome.scored.first(where: { $0.sample.path == entry.path }) {
                    results.append((entry, result, seconds))
                    lock.withLock { pendingMaps[entry.id] = result.map.map { PlacedMap($0, preprocessing: configuration.preprocessing) } }
                    scored(ScoreUpdate(entryId: entry.id, raw: result.score, normalised: nil))
                } else if let skipped = outcome.skipped.first(where: { $0.path == entry.path || $0.path == entry.maskPath }) {
                    recordDecodeFailure(entry, reason: skipped.reason, in: workspace)
                    scored(ScoreUpdate(entryId: entry.id, problem: skipped.reason))
                }
            }
        }
        progress(JobProgress(stage: "saving", done: targets.count, total: targets.count))
        // Threshold from held-out images; the training images' own scores too when only they make the labels count.
        let heldOut = results.filter { !trainingIds.contains($0.entry.id) }.map(\.scored)
        let calibration = try Calibrator.calibrate(Calibrator.thresholdImages(all: results.map(\.scored), heldOut: heldOut))
        let ids = lock.withLock { imageIds }
        let model = try workspace.saveModel(try ModelFile(detector: detector, calibration: calibration),
                                            trainingImageIds: training.compactMap { ids[$0.id] }, fitSeconds: fitSeconds,
                                            parentId: retrain ? previous.model?.id : nil)
        try workspace.saveScores(results.compactMap { result in
            ids[result.entry.id].map {
                ScoredImage(imageId: $0, raw: result.scored.score, normalised: calibration.normalisedScore(result.scored.score),
                            map: result.scored.map, seconds: result.seconds, nearestPatches: result.scored.nearestPatches)
            }
        }, modelId: model.id!)
        let scores = try workspace.scores(modelId: model.id!)
        lock.withLock {
            currentModel = model
            currentScores = scores
            currentCalibration = calibration
            pendingMaps = [:]
        }
        var comparison: [String]?
        if retrain, let before = previous.model {
            // The workspace's comparison, as `speck compare` prints it: images neither model learned from first.
            do {
                comparison = try ModelComparison.compare(before, model, in: workspace) { record in
                    try self.registry.restore(try workspace.modelFile(of: record),
                                              resources: DetectorResources(weightsPath: self.weightsAvailable ? self.weightsPath : nil))
                }.beforeAfterLines()
            } catch {
                comparison = ["no comparison with \(before.name): \(error)"]
            }
        }
        return TrainOutcome(model: Self.summary(of: model, scores: Array(scores.values)), calibration: calibration,
                            threshold: Threshold(automatic: calibration.threshold, method: calibration.thresholdMethod),
                            comparison: comparison)
    }

    func refreshLabels(_ workspace: Workspace) {
        guard let labels = try? workspace.currentLabels() else { return }
        let byId = Dictionary(labels.map { ($0.imageId, $0.verdict) }, uniquingKeysWith: { _, last in last })
        lock.withLock {
            for index in entries.indices {
                guard let id = imageIds[entries[index].id] else { continue }
                entries[index].label = byId[id].flatMap(Self.label(from:))
            }
        }
    }

    func recordDecodeFailure(_ entry: ImageEntry, reason: String, in workspace: Workspace) {
        lock.withLock {
            if let index = entries.firstIndex(where: { $0.id == entry.id }) { entries[index].problem = reason }
        }
        if let id = lock.withLock({ imageIds[entry.id] }) {
            try? workspace.recordDecode(imageId: id, width: nil, height: nil, error: reason)
        }
    }

    /// The dataset sample with the inspector's label in place of the folder's, for calibration.
    static func sample(_ sample: DatasetSample?, labelledAs label: Label?, path: String) -> DatasetSample {
        let original = sample ?? DatasetSample(path: path, relativePath: path, split: .none, label: nil, maskPath: nil)
        let truth: String?
        switch label {
        case .normal?: truth = Dataset.normalLabel
        case .anomalous?: truth = original.isNormal == false ? original.label : "labelled anomalous"
        case nil: truth = original.label
        }
        return DatasetSample(path: original.path, relativePath: original.relativePath, split: original.split,
                             label: truth, maskPath: original.maskPath)
    }

    static func reason(_ error: Error) -> String {
        (error as? ImageError)?.reason ?? "\(error)"
    }
}
