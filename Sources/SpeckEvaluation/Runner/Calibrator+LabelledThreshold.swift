extension Calibrator {
    /// The F1-optimal image threshold over images of known truth, with the words
    /// that say how it was chosen; nil unless both a normal and an anomalous image
    /// are among them (one class alone cannot place a threshold between classes).
    public static func labelledThreshold(scores: [Float], anomalous: [Bool]) throws -> (threshold: Float, method: String)? {
        guard anomalous.contains(true), anomalous.contains(false) else { return nil }
        let best = try RankedOutcomes(scores: scores, labels: anomalous).f1Max()
        let defects = anomalous.filter { $0 }.count
        return (best.threshold, "F1-optimal on \(anomalous.count) labelled images (\(defects) defective)")
    }
}
