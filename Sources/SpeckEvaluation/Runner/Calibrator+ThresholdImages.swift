extension Calibrator {
    /// The images a threshold is chosen on. The held-out ones, when they hold both
    /// a known normal and a known anomalous image. Otherwise every scored image when
    /// those do: a folder fitted on all its images, where the inspector's labels must
    /// choose the threshold (held out are then only the images labelled anomalous,
    /// and a threshold from one class would flag nearly nothing). Otherwise the
    /// held-out images, or every image when none is held out.
    public static func thresholdImages(all: [ScoredSample], heldOut: [ScoredSample]) -> [ScoredSample] {
        func hasBothClasses(_ images: [ScoredSample]) -> Bool {
            images.contains { $0.isAnomalous == true } && images.contains { $0.isAnomalous == false }
        }
        if hasBothClasses(heldOut) { return heldOut }
        if hasBothClasses(all) { return all }
        return heldOut.isEmpty ? all : heldOut
    }
}
