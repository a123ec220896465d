import Foundation
import SpeckDetectors
import SpeckEvaluation
import SpeckImaging

/// Fits a new model version in a workspace: learns from the training images
/// plus the images labelled normal (see `RetrainPlan`), chooses its threshold
/// on images it did not learn from, saves it with its parent and exact
/// training set, and stores its scores.
public struct Retrainer: Sendable {
    public let workspace: Workspace
    public let progress: ProgressReporter?

    public init(workspace: Workspace, progress: ProgressReporter? = nil) {
        self.workspace = workspace
        self.progress = progress
    }

    public struct Outcome: Sendable {
        public var model: ModelRecord
        public var calibration: ScoreCalibration
        public var plan: RetrainPlan
        public var skipped: [ImageError]
    }

    /// Fits `detector` (a fresh one, configured like the parent when
    /// retraining) and records the result as a child of `parent`.
    public func retrain(_ detector: any Detector, parent: ModelRecord?, quantile: Double = Calibrator.defaultQuantile,
                        context: FitContext = FitContext()) throws -> Outcome {
        let (images, dataset) = try workspace.knownImages()
        let plan = RetrainPlan(images: images, dataset: dataset)
        let training = TrainingSet(samples: plan.training.map(\.sample), progress: progress)
        guard training.images.count > 0 else { throw DetectorError.noTrainingImages }
        let fitStart = Date()
        try detector.fit(training.images, context: context)
        let fitSeconds = Date().timeIntervalSince(fitStart)

        guard !plan.calibration.isEmpty else {
            throw DetectorError.invalidParameter("no held-out images to choose a threshold on: "
                + "add test images (test/good, test/<defect>) or label images the model does not learn from")
        }
        // Scored once: the calibration images are a subset of the images scored for the record.
        let scoring = workspace.score(plan.scoring, with: detector, progress: progress)
        let calibrationPaths = Set(plan.calibration.map(\.sample.path))
        let calibration = try Calibrator.calibrate(scoring.scored.filter { calibrationPaths.contains($0.sample.path) },
                                                   quantile: quantile)
        let file = try ModelFile(detector: detector, calibration: calibration, writtenBy: "speck workspace retrain")
        let trainedPaths = Set(training.paths)
        let trainingIds = plan.training.filter { trainedPaths.contains($0.sample.path) }.map { $0.record.id! }
        let model = try workspace.saveModel(file, trainingImageIds: trainingIds, fitSeconds: fitSeconds, parentId: parent?.id)
        try workspace.store(scoring.scored, skipped: scoring.skipped, of: plan.scoring, calibration: calibration,
                            modelId: model.id!, seconds: scoring.seconds)
        return Outcome(model: model, calibration: calibration, plan: plan,
                       skipped: training.skipped + scoring.skipped)
    }
}
