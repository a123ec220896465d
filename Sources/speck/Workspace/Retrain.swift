import ArgumentParser
import Foundation
import SpeckDetectors
import SpeckEvaluation
import SpeckWorkspace

/// `speck retrain [--from MODEL]`: a new model version that also learns from
/// the images labelled normal (false positives), never from anomalous ones.
struct Retrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit a new model version on the training images plus every image labelled normal.",
        discussion: """
            The new version is set up like MODEL (default: the newest model); with no model yet, the \
            detector options choose it. Images labelled anomalous are never learned from. The threshold \
            is chosen on test and labelled images the new version did not learn from. Ends with a \
            comparison against MODEL (see `speck compare`).
            """)

    @Option(help: "The model to retrain (its name, e.g. m1; default: the newest).")
    var from: String?

    @OptionGroup var options: DetectorOptions

    @Option(help: "Quantile of normal scores used as threshold when no defects are known.")
    var quantile: Double = Calibrator.defaultQuantile

    @OptionGroup var workspaceOption: WorkspaceOption

    func run() throws {
        let workspace = try workspaceOption.open()
        let progress = ProgressBar()
        let parent = try from.map(workspace.model(named:)) ?? workspace.models().last
        let detector = try parent.map { try ModelDetectors.fresh(like: workspace.modelFile(of: $0).configuration,
                                                                  weights: options.weights) }
            ?? options.makeDetector(note: progress.note)
        let context = FitContext(onProgress: { progress.update($0.stage, done: $0.done, total: $0.total, detail: $0.detail) },
                                 onMessage: progress.note)
        InterruptCancellation.install(cancelling: context, progress: progress)
        let outcome = try Retrainer(workspace: workspace, progress: progress.update)
            .retrain(detector, parent: parent, quantile: quantile, context: context)
        progress.clear()
        BatchReport.listProblems(outcome.skipped, progress: progress)

        let plan = outcome.plan
        let anomalous = try workspace.currentLabels().filter { $0.verdict == .anomalous }.count
        print("\(outcome.model.name): \(outcome.model.detector) fitted in "
            + String(format: "%.1f s", outcome.model.fitSeconds) + " on \(outcome.model.trainingImageCount) images "
            + "(\(plan.labelledNormal.count) labelled normal; \(anomalous) labelled anomalous left out)"
            + (parent.map { ", retrained from \($0.name)" } ?? ""))
        print("threshold \(BatchReport.figure(outcome.calibration.threshold)) (\(outcome.calibration.thresholdMethod))")
        print("scored \(plan.scoring.count) test and labelled images")
        if let parent {
            print("")
            let comparison = try ModelComparison.compare(parent, outcome.model, in: workspace) { model in
                try ModelDetectors.restored(workspace.modelFile(of: model), weights: options.weights)
            }
            ComparisonTable(comparison: comparison, listAll: false).print()
        }
    }
}
