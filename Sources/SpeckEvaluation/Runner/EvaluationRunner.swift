import SpeckDetectors
import SpeckImaging
import SpeckTensor

/// Fits a detector on a dataset's normal training images and scores its test
/// split, two images at a time: the engine behind `speck eval` and `speck train`.
public struct EvaluationRunner: Sendable {
    public let dataset: Dataset
    public let plan: DatasetPlan
    public let workers: Int
    public let progress: ProgressReporter?

    public init(dataset: Dataset, workers: Int = 2, progress: ProgressReporter? = nil) {
        self.dataset = dataset
        self.plan = DatasetPlan(dataset: dataset)
        self.workers = workers
        self.progress = progress
    }

    /// The result of fitting and scoring.
    public struct Outcome: Sendable {
        public var detector: any Detector
        public var scored: [ScoredSample]
        public var skipped: [ImageError]
        /// Training images the detector learned from (readable ones).
        public var trainCount: Int
        public var fitSeconds: Double
        /// CPU seconds of the whole process during the fit (steadier than wall time on a shared machine).
        public var fitCPUSeconds: Double
        public var scoreSeconds: Double
    }

    /// Fits `detector` on the training images (default: the plan's training
    /// split, unreadable ones skipped), then scores `test` (default: the plan's
    /// test split). An error carries the files skipped so far (`FailureAfterSkips`).
    public func fitAndScore(_ detector: any Detector, training: TrainingSet? = nil, test: [DatasetSample]? = nil,
                            context: FitContext = FitContext()) throws -> Outcome {
        // Each worker runs its own image: BLAS must not spawn threads of its own.
        BLAS.setThreadCount(1)
        let training = training ?? TrainingSet(samples: plan.train, workers: workers, progress: progress)
        let (fitSeconds, fitCPUSeconds) = try FailureAfterSkips.carrying(training.skipped) {
            guard training.images.count > 0 else {
                throw RunnerError.noTrainingImages(dataset.root, found: plan.train.count, unreadable: training.skipped.count)
            }
            let fitClock = Stopwatch()
            try detector.fit(training.images, context: context)
            try context.checkCancelled()
            return (fitClock.wallSeconds, fitClock.cpuSeconds)
        }
        let scoreStart = ResourceUsage.now()
        let (scored, skipped) = BatchScorer(detector: detector, workers: workers).score(test ?? plan.test, progress: progress)
        return Outcome(detector: detector, scored: scored, skipped: training.skipped + skipped,
                       trainCount: training.images.count, fitSeconds: fitSeconds, fitCPUSeconds: fitCPUSeconds, scoreSeconds: ResourceUsage.now() - scoreStart)
    }

    /// `speck eval`: figures overall and per defect kind, and the calibration
    /// the fitted model would be saved with (F1-optimal threshold, or the `target`'s). `training`:
    /// training images decoded once for several detectors (default: decoded here).
    public func evaluate(_ detector: any Detector, training: TrainingSet? = nil, target: ThresholdTarget? = nil,
                         context: FitContext = FitContext()) throws
        -> (report: EvaluationReport, calibration: ScoreCalibration, outcome: Outcome) {
        guard !plan.test.isEmpty else { throw RunnerError.noTestImages(dataset.root) }
        let outcome = try fitAndScore(detector, training: training, context: context)
        guard outcome.scored.contains(where: { $0.isAnomalous == true }),
              outcome.scored.contains(where: { $0.isAnomalous == false }) else {
            throw FailureAfterSkips(skipped: outcome.skipped, error: RunnerError.singleClassTest(dataset.root))
        }
        progress?("computing figures", 0, 1)
        let pixel = try? EvaluationFigures.pixelMetrics(outcome.scored)
        let overall = EvaluationFigures(outcome.scored, pixel: pixel)
        var perKind: [String: EvaluationFigures] = [:]
        for kind in plan.defectKinds {
            perKind[kind] = EvaluationFigures(outcome.scored.filter { $0.sample.isNormal == true || $0.sample.label == kind })
        }
        progress?("computing figures", 1, 1)
        let calibration = try FailureAfterSkips.carrying(outcome.skipped) { try Calibrator.calibrate(outcome.scored, pixel: pixel, target: target) }
        let configuration = detector.configuration
        var report = EvaluationReport(
            dataset: dataset.root, detector: configuration.detector, backbone: configuration.backbone,
            parameters: configuration.parameters, resize: configuration.preprocessing.resize,
            crop: configuration.preprocessing.crop, trainImages: outcome.trainCount,
            testImages: outcome.scored.count, overall: overall, perKind: perKind, fitSeconds: outcome.fitSeconds,
            fitCPUSeconds: outcome.fitCPUSeconds,
            scoreMillisecondsPerImage: outcome.scoreSeconds * 1000 / Double(max(1, outcome.scored.count)),
            peakMemoryBytes: ResourceUsage.peakResidentBytes, skipped: outcome.skipped,
            hasMap: outcome.scored.contains { $0.map != nil },
            threshold: calibration.threshold, thresholdMethod: calibration.thresholdMethod)
        report.fit = configuration.preprocessing.fit == .stretch ? nil : configuration.preprocessing.fit
        report.tiling = configuration.preprocessing.tiling
        return (report, calibration, outcome)
    }

    /// `speck train`: fits and calibrates. With a labelled test split the
    /// threshold is F1-optimal on it; with only normal test images, the 99%
    /// quantile of their scores; with no test split, every 5th readable
    /// training image is held out to be scored instead of learned from.
    /// A `target` chooses the threshold instead (see `Calibrator`).
    public func train(_ detector: any Detector, quantile q: Double = Calibrator.defaultQuantile,
                      target: ThresholdTarget? = nil, context: FitContext = FitContext()) throws -> (model: ModelFile, outcome: Outcome) {
        var training: TrainingSet?
        var held: [DatasetSample] = plan.test
        if held.isEmpty {
            // Decode first, so that an unreadable file never takes a held-out place.
            let all = TrainingSet(samples: plan.train, workers: workers, progress: progress)
            let readable = Set(all.paths)
            let candidates = plan.train.filter { readable.contains($0.path) }
            if candidates.count < 5 {
                // Too few images to hold any out: the threshold comes from the
                // training images' own scores (optimistic, but fitting on one image works).
                held = candidates
                training = all
            } else {
                held = candidates.enumerated().filter { $0.offset % 5 == 4 }.map(\.element)
                training = all.removing(Set(held.map(\.path)))
            }
        }
        let outcome = try fitAndScore(detector, training: training, test: held, context: context)
        let calibration = try FailureAfterSkips.carrying(outcome.skipped) { try Calibrator.calibrate(outcome.scored, quantile: q, target: target) }
        let model = try ModelFile(detector: detector, calibration: calibration)
        return (model, outcome)
    }
}

public enum RunnerError: Error, CustomStringConvertible {
    case noTrainingImages(String, found: Int, unreadable: Int)
    case noTestImages(String)
    case singleClassTest(String)

    public var description: String {
        switch self {
        case .noTrainingImages(let root, let found, let unreadable):
            return found == 0
                ? "no training images in \(root): put defect-free images in train/good/ (MVTec layout) or good/"
                : "no readable training images in \(root): all \(found) failed to decode (\(unreadable) listed above)"
        case .noTestImages(let root):
            return "no test images in \(root): evaluation needs test/good and test/<defect> folders (or good/ and <defect>/ folders)"
        case .singleClassTest(let root):
            return "cannot evaluate \(root): the test images must include both good and defective ones"
        }
    }
}
