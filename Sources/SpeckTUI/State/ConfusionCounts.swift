import SpeckWorkspace

/// Confusion counts at one threshold over the held-out images whose truth
/// is known (label, else dataset ground truth); training images would only
/// add easy true negatives. Flagged = score ≥ threshold, over every scored image.
public struct ConfusionCounts: Sendable, Equatable {
    /// TP/FP/FN/TN, precision, recall and F1 over the held-out images of known truth.
    public var heldOut: ConfusionAtThreshold
    /// Scored images at or above the threshold, known truth or not.
    public var flagged: Int
    public var scored: Int

    public init(entries: [ImageEntry], threshold: Float) {
        let scores = entries.compactMap(\.rawScore)
        scored = scores.count
        flagged = scores.filter { $0 >= threshold }.count
        heldOut = ConfusionAtThreshold(entries.filter { !$0.isTraining }.compactMap(\.outcome), threshold: threshold)
    }
}
