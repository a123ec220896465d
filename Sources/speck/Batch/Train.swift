import ArgumentParser
import Foundation
import SpeckDetectors
import SpeckEvaluation
import SpeckImaging

/// `speck train DATASET`: fit a detector on the good images, choose its
/// threshold, and save one model file.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a detector on a dataset's good images and save the model.",
        discussion: """
            The threshold is F1-optimal on the labelled test images when there are any, else the \
            --quantile of held-out normal images' scores (test/good, or every 5th training image). \
            --threshold chooses it for a target instead: recall=1.0 (the highest threshold that still \
            catches every labelled defect), fpr=0.01, precision=0.95, f1 or quantile=0.99.
            """)

    @Argument(help: "Dataset folder: MVTec layout (train/good, test/<kind>, ground_truth/) or folders good/ and <defect>/.")
    var dataset: String

    @OptionGroup var options: DetectorOptions

    @Option(help: "Model file to write (default: <detector>.speck).")
    var out: String?

    @Option(help: "Quantile of normal scores used as threshold when no defects are labelled.")
    var quantile: Double = Calibrator.defaultQuantile

    @Option(help: "Threshold target: recall=R, fpr=F, precision=P, f1 or quantile=Q (overrides --quantile).")
    var threshold: String?

    func validate() throws {
        guard quantile > 0, quantile < 1 else { throw ValidationError("--quantile must be between 0 and 1") }
        _ = try target()
    }

    func target() throws -> ThresholdTarget? { try ThresholdTarget.parsingOption(threshold) }

    func run() throws {
        let batch = try BatchRun(dataset: dataset, options: options)
        let (progress, detector, runner, context) = (batch.progress, batch.detector, batch.runner, batch.context)
        let target = try target()
        if runner.plan.knowsNoGoodImage {
            progress.note(DatasetPlan.assumingRareDefects(runner.plan.train.count)
                          + " (put good images in good/ to fit on those alone, or label them in the workstation)")
        }
        let (model, outcome) = try BatchReport.listingSkipped(progress: progress) {
            try runner.train(detector, quantile: quantile, target: target, context: context)
        }
        progress.clear()
        BatchReport.listProblems(outcome.skipped, progress: progress)
        let path = out ?? "\(detector.configuration.detector).speck"
        try ModelFile(configuration: model.configuration, state: model.state, calibration: model.calibration,
                      writtenBy: "speck \(SpeckVersion.current)").write(to: URL(fileURLWithPath: path))
        let calibration = model.calibration!
        print("trained \(detector.configuration.detector) on \(outcome.trainCount) images in "
              + String(format: "%.1f s", outcome.fitSeconds))
        print("threshold \(BatchReport.figure(Double(calibration.threshold))) (\(calibration.thresholdMethod))")
        print("wrote \(path)")
    }
}
