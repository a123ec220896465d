import Foundation
import SpeckDetectors
import SpeckEvaluation
import SpeckImaging
import SpeckWorkspace

/// `speck eval DATASET --detector a,b:key=value,...|all [--seeds N]`: every
/// entry fitted and evaluated in one run, one comparison table; a failing entry
/// is reported in its row. When the dataset folder has a workspace, the
/// comparison is stored there for the workstation's train dialog.
struct EvalComparison {
    let dataset: String
    let options: DetectorOptions
    let seeds: Int

    func run(json: String?) throws {
        let progress = ProgressBar()
        let globalParameters = try DetectorRegistry.parameters(from: options.parameters)
        let choices = DetectorChoice.list(options.detector ?? "all")
        let data = try Dataset.discover(at: dataset)
        BatchReport.listProblems(data.problems, progress: progress)
        let runner = EvaluationRunner(dataset: data, progress: progress.update)
        let context = FitContext(onProgress: { progress.update($0.stage, done: $0.done, total: $0.total, detail: $0.detail) },
                                 onMessage: progress.note)
        InterruptCancellation.install(cancelling: context, progress: progress)
        let factory = EntryDetectorFactory(backbone: options.backbone, weights: options.weights,
                                           options: options, sharedParameters: globalParameters)
        let comparison = ComparisonRunner(runner: runner, seeds: seeds, makeDetector: factory.make)
        let clock = Stopwatch(), started = ResourceUsage.now()
        let result = try comparison.compare(choices, context: context,
                                            skipped: { BatchReport.listProblems($0, progress: progress) }) { index, total, what in
            progress.note("[\(index)/\(total)] \(what)  (\(String(format: "%.0f", ResourceUsage.now() - started)) s so far)")
        }
        progress.clear()
        let protocolText = result.resize.map { "resize \($0)" } ?? "each detector's own resize (\(result.resizeByDetector))"
            + (result.crop.map { ", crop \($0)" } ?? "")
        print("\(result.rows.count) detector entries on \(result.dataset): \(result.trainImages) training images, "
              + "\(result.testImages) test images, \(protocolText)")
        print("")
        DetectorComparisonTable(result).lines.forEach { print($0) }
        print("")
        print(String(format: "total %.0f s wall, %.0f s CPU", clock.wallSeconds, clock.cpuSeconds)
              + (ResourceUsage.busyLoadAverage.map { String(format: " (load average %.1f: wall times inflated)", $0) } ?? ""))
        if let json {
            try BatchReport.write(String(decoding: try result.encodedJSON(), as: UTF8.self) + "\n", to: json)
        }
        if let workspace = try? Workspace.find(explicit: nil, startingFrom: [dataset]) {
            try workspace.saveLastComparison(result)
            print("stored as the last comparison of the workspace \(workspace.location.storeFolder.path)")
        }
    }
}
