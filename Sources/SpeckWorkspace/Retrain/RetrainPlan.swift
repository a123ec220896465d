import SpeckEvaluation
import SpeckImaging

/// Which images a new model version learns from and which choose its threshold.
///
/// Learns from: the dataset's training images (train/good, or the good
/// folder) plus every image labelled normal (the false positives), never an
/// image labelled anomalous. Chooses its threshold on: test images and
/// labelled images it did not learn from, truth from labels first, folders second.
public struct RetrainPlan: Sendable {
    public var training: [KnownImage]
    public var calibration: [KnownImage]
    /// Images to score after the fit: calibration plus every labelled and test image.
    public var scoring: [KnownImage]

    public init(images: [KnownImage], dataset: Dataset) {
        let plan = DatasetPlan(dataset: dataset)
        let planTrain = Set(plan.train.map(\.relativePath))
        let planTest = Set(plan.test.map(\.relativePath))
        training = images.filter { image in
            image.label != .anomalous && (image.label == .normal || planTrain.contains(image.sample.relativePath))
        }
        let trained = Set(training.map(\.sample.relativePath))
        calibration = images.filter { image in
            !trained.contains(image.sample.relativePath) && image.isAnomalous != nil
                && (planTest.contains(image.sample.relativePath) || (image.label != nil && image.label != .cleared))
        }
        scoring = images.filter { image in
            planTest.contains(image.sample.relativePath) || (image.label != nil && image.label != .cleared)
        }
    }

    /// Root-relative paths of the dataset's test images (test/ in the MVTec
    /// layout, held-out good and defect images of a labelled folder).
    static func testPaths(in dataset: Dataset) -> Set<String> {
        Set(DatasetPlan(dataset: dataset).test.map(\.relativePath))
    }

    /// Images newly learned from because they were labelled normal.
    public var labelledNormal: [KnownImage] { training.filter { $0.label == .normal } }
}
