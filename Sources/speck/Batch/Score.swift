import ArgumentParser
import Foundation
import SpeckBackbones
import SpeckDetectors
import SpeckEvaluation
import SpeckImaging
import SpeckWorkspace

/// `speck score MODEL IMAGE_OR_DIR...`: scores images with a saved model and
/// gives each a verdict against the model's threshold.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score images with a saved model: score, normalised score (threshold = 0.5) and verdict.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    @Argument(help: ArgumentHelp("Model file written by `speck train` or `speck eval --out`; with --store, --workspace "
                                 + "or --shard, a workspace model (m1, latest)."))
    var model: String

    @Argument(help: "Images or folders (searched recursively).")
    var inputs: [String]

    @Option(help: "Output format: csv or json.")
    var format: Format = .csv

    @Option(help: "Write a heatmap PNG per image into this folder.")
    var heatmaps: String?

    @Option(help: "Backbone weights file for feature detectors (default: the cache).")
    var weights: String?

    @Option(help: ArgumentHelp(
        "Score only slice I of N (0 <= I < N) of the workspace's images, by path hash, into the workspace, skipping "
            + "images the model already scored: run N of these on N machines.", valueName: "I/N"))
    var shard: String?

    @OptionGroup var workspaceOption: WorkspaceOption

    struct Row: Codable {
        var path: String
        var score: Float
        var normalised: Float?
        var verdict: String
        var label: String?
    }

    func run() throws {
        if shard != nil || workspaceOption.workspace != nil || workspaceOption.team.store != nil {
            return try ScoreIntoWorkspace(workspace: workspaceOption.open(startingFrom: inputs), modelName: model,
                                          inputs: inputs, shard: shard.map(Shard.init(parsing:)) ?? .all,
                                          weights: weights).run()
        }
        let progress = ProgressBar()
        let modelFile = try ModelFile.read(from: URL(fileURLWithPath: model))
        var resources = DetectorResources(weightsPath: weights)
        if modelFile.configuration.backbone == "efficientnet-lite0" {
            resources.weightsPath = try WeightsLocator.efficientNetLite0(explicit: weights)
        }
        let detector = try DetectorRegistry.standard.restore(modelFile, resources: resources)
        var samples: [DatasetSample] = []
        var skipped: [ImageError] = []
        for input in inputs {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                skipped.append(ImageError(path: input, reason: "no such file or folder"))
                continue
            }
            if isDirectory.boolValue {
                let data = try Dataset.discover(at: input)
                samples += data.samples
                skipped += data.problems
            } else {
                samples.append(DatasetSample(path: input, relativePath: (input as NSString).lastPathComponent,
                                             split: .none, label: nil, maskPath: nil))
            }
        }
        let (scored, failed) = BatchScorer(detector: detector).score(samples, progress: progress.update)
        progress.clear()
        BatchReport.listProblems(skipped + failed, progress: progress)
        guard !scored.isEmpty else { throw ValidationError("no image could be scored") }

        let calibration = modelFile.calibration
        let rows = scored.map { item in
            Row(path: item.sample.path, score: item.score, normalised: calibration?.normalisedScore(item.score),
                verdict: calibration.map { $0.isAnomalous(item.score) ? "anomalous" : "normal" } ?? "unknown",
                label: item.sample.label)
        }
        switch format {
        case .csv:
            print("path,score,normalised,verdict,label")
            for row in rows {
                print([Self.csvField(row.path), "\(row.score)", row.normalised.map { "\($0)" } ?? "", row.verdict,
                       Self.csvField(row.label ?? "")].joined(separator: ","))
            }
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        }
        if let heatmaps { try writeHeatmaps(scored, calibration: calibration, into: heatmaps, detector: detector, progress: progress) }
    }

    private func writeHeatmaps(_ scored: [ScoredSample], calibration: ScoreCalibration?, into folder: String,
                               detector: any Detector, progress: ProgressBar) throws {
        guard scored.contains(where: { $0.map != nil }) else {
            return progress.note("no heatmaps written: \(detector.configuration.detector) gives an image score but no anomaly map")
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let painter = HeatmapPainter()
        var used = Set<String>()
        for (index, item) in scored.enumerated() {
            guard let map = item.map else { continue }
            progress.update("writing heatmaps", done: index, total: scored.count)
            // "<folder>_<file>": test/good/000.png and test/crack/000.png stay apart.
            let path = item.sample.path as NSString
            let parent = (path.deletingLastPathComponent as NSString).lastPathComponent
            var name = (parent.isEmpty ? "" : parent + "_") + (path.lastPathComponent as NSString).deletingPathExtension
            while used.contains(name) { name += "_" }
            used.insert(name)
            do {
                let original = try ImageIO.decode(contentsOf: item.sample.path)
                let mask = try item.sample.maskPath.map { try ImageIO.decode(contentsOf: $0) }
                let placed = PlacedMap(map, preprocessing: detector.configuration.preprocessing)
                let painted = painter.paint(original: original, map: placed, calibration: calibration, mask: mask)
                try ImageIO.writePNG(painted, to: folder + "/" + name + ".png")
            } catch {
                progress.note("heatmap of \(item.sample.path) not written: \(error)")
            }
        }
        progress.clear()
    }

    static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
