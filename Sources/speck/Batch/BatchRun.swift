import SpeckDetectors
import SpeckEvaluation
import SpeckImaging

/// What `train` and `eval` set up alike: a progress bar, the detector, the
/// dataset (its unreadable files listed at once) and a runner that fits on it.
struct BatchRun {
    let progress = ProgressBar()
    let detector: any Detector
    let runner: EvaluationRunner
    let context: FitContext

    init(dataset: String, options: DetectorOptions) throws {
        let progress = self.progress
        detector = try options.makeDetector(note: progress.note)
        let data = try Dataset.discover(at: dataset)
        BatchReport.listProblems(data.problems, progress: progress)
        runner = EvaluationRunner(dataset: data, progress: progress.update)
        context = FitContext(onProgress: { progress.update($0.stage, done: $0.done, total: $0.total, detail: $0.detail) },
                             onMessage: progress.note)
        InterruptCancellation.install(cancelling: context, progress: progress)
    }
}
