import ArgumentParser
import Foundation
import SpeckDetectors
import SpeckEvaluation
import SpeckImaging

/// `speck eval DATASET`: fit on train/good, score the test split, print the
/// figures per defect kind and overall.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit on a dataset's good training images, score its test split, and report AUROC, AUPRO and F1.",
        discussion: """
            Several detectors in one run: --detector takes a comma-separated list, each entry a detector \
            with its own settings after ':' (key=value pairs separated by ':'; tap lists joined by '+'), \
            or 'all' for every detector with its defaults. Example:
              speck eval DATASET --detector patchcore,patchcore:coreset=0.01:score=topk:5,padim:taps=blocks.1+blocks.3,lbp
            One table compares them (image AUROC, pixel AUROC, AUPRO, fit wall and CPU time, ms/image); a failing \
            entry is reported in its row and the rest go on. --param applies to every entry (an entry's own settings \
            win). --seeds N fits every detector that has a random element with seeds 0..N-1 (from its seed= \
            setting when given) and shows mean±spread (max − min). The training images are decoded once; each \
            detector computes its own backbone features. When the dataset folder has a workspace (.speck), the \
            comparison is stored there and the workstation's train dialog shows it.
            """)

    @Argument(help: "Dataset folder (MVTec layout, or folders good/ and <defect>/).")
    var dataset: String

    @OptionGroup var options: DetectorOptions

    @Option(help: "Also write the figures as JSON to this file.")
    var json: String?

    @Option(help: "Also save the fitted, calibrated model to this file.")
    var out: String?

    @Option(help: "Threshold target: recall=R, fpr=F, precision=P, f1 or quantile=Q; prints its counts on the test images (default f1).")
    var threshold: String?

    @Option(help: "Fit each seeded detector with this many seeds and report mean±spread (turns on the comparison table).")
    var seeds: Int = 1

    func validate() throws { _ = try ThresholdTarget.parsingOption(threshold) }

    func run() throws {
        guard (1...100).contains(seeds) else { throw ValidationError("--seeds \(seeds): expected 1...100") }
        if seeds > 1 || options.detector.map(DetectorChoice.isList) == true {
            if out != nil { throw ValidationError("--out saves one model: it cannot be used with a --detector list or --seeds") }
            if threshold != nil { throw ValidationError("--threshold prints one model's counts: it cannot be used with a --detector list or --seeds") }
            try EvalComparison(dataset: dataset, options: options, seeds: seeds).run(json: json)
            return
        }
        let batch = try BatchRun(dataset: dataset, options: options)
        let (progress, detector, runner, context) = (batch.progress, batch.detector, batch.runner, batch.context)
        let (report, calibration, _) = try BatchReport.listingSkipped(progress: progress) {
            try runner.evaluate(detector, target: try ThresholdTarget.parsingOption(threshold), context: context)
        }
        progress.clear()
        BatchReport.listProblems(report.skipped, progress: progress)
        print(Self.table(report))
        print("threshold \(BatchReport.figure(Double(report.threshold))) (\(report.thresholdMethod))")
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try BatchReport.write(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n", to: json)
        }
        if let out {
            try ModelFile(detector: detector, calibration: calibration, writtenBy: "speck \(SpeckVersion.current)")
                .write(to: URL(fileURLWithPath: out))
            print("wrote \(out)")
        }
    }

    static func table(_ report: EvaluationReport) -> String {
        let protocolText = "resize \(report.resize)" + (report.fit.map { " (fit \($0.rawValue))" } ?? "")
            + (report.crop.map { ", crop \($0)" } ?? "")
            + (report.tiling.map { ", tiles \($0.tile) px overlapping \($0.overlap) px" } ?? "")
        var lines = ["\(report.detector)\(report.backbone.map { " (\($0))" } ?? "") on \(report.dataset)",
                     "\(report.trainImages) training images, \(report.testImages) test images, \(protocolText); "
                         + String(format: "fit %.1f s, scoring %.1f ms/image, peak memory %@", report.fitSeconds,
                                  report.scoreMillisecondsPerImage, ResourceUsage.formatBytes(report.peakMemoryBytes)),
                     ""]
        let header = ["kind", "images", "image AUROC", "pixel AUROC", "AUPRO", "F1-max", "threshold"]
        var rows = report.perKind.keys.sorted().map { (name: $0, figures: report.perKind[$0]!) }
        rows.append((name: "overall", figures: report.overall))
        // A detector without maps has no pixel figures: "n/a", not "—" (which means "no masks").
        let pixel = { (value: Double?) in report.hasMap ? BatchReport.figure(value) : "n/a" }
        let cells = rows.map { row in
            [row.name, "\(row.figures.images)", BatchReport.figure(row.figures.imageAUROC), pixel(row.figures.pixelAUROC),
             pixel(row.figures.aupro), BatchReport.figure(row.figures.f1Max), BatchReport.figure(row.figures.threshold)]
        }
        let widths = header.indices.map { column in ([header] + cells).map { $0[column].count }.max()! }
        func line(_ values: [String]) -> String {
            values.enumerated().map { column, value in
                column == 0 ? value.padding(toLength: widths[0], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[column] - value.count) + value
            }.joined(separator: "  ")
        }
        lines.append(line(header))
        lines.append(contentsOf: cells.map(line))
        if !report.hasMap { lines.append("pixel figures n/a: \(report.detector) gives an image score but no anomaly map") }
        return lines.joined(separator: "\n")
    }
}
