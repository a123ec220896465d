import SpeckEvaluation

/// Labels drive the automatic threshold as they are given, not only at the next
/// fit: the F1-optimal threshold over the held-out images of known truth (labels
/// first, then the folders), the same images the confusion counts are over. A
/// threshold set by hand never moves; a target (`=`) is met again.
extension Workstation {
    /// Re-chooses the threshold after labels changed; returns what moved, for the message.
    @discardableResult
    func thresholdFollowsLabels() -> String? {
        guard var threshold = state.threshold, !threshold.isManual else { return nil }
        let before = threshold.value
        if let target = threshold.target {
            guard let chosen = try? applyTarget(target), chosen.threshold != before else { return nil }
            return "threshold \(Format.score(before)) → \(Format.score(chosen.threshold)) (target \(target))"
        }
        let outcomes = state.list.entries.filter { !$0.isTraining }.compactMap(\.outcome)
        guard let chosen = try? Calibrator.labelledThreshold(scores: outcomes.map(\.score), anomalous: outcomes.map(\.anomalous)),
              chosen.threshold != before || chosen.method != threshold.automaticMethod else { return nil }
        threshold.automatic = chosen.threshold
        threshold.automaticMethod = chosen.method
        threshold.value = chosen.threshold
        state.threshold = threshold
        saveThreshold(threshold)
        return "threshold \(Format.score(before)) → \(Format.score(chosen.threshold)) (\(chosen.method))"
    }

    /// The label message, with the threshold's move when the labels moved it.
    func tellLabelled(_ message: String) {
        state.tell([message, thresholdFollowsLabels()].compactMap { $0 }.joined(separator: "; "))
    }
}
