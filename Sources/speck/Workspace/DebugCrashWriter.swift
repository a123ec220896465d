import ArgumentParser
import Foundation
import SpeckDetectors
import SpeckWorkspace

/// `speck debug crash-writer`: the writer of the crash harness. Labels the
/// workspace's images one transaction at a time and saves a model part-way,
/// printing a line for each write only after it committed:
///
///     label <image id> <verdict> <note>
///     model <name>
///
/// The harness SIGKILLs it at a random moment and checks that every printed
/// write is in the reopened workspace and nothing is damaged.
struct DebugCrashWriter: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "crash-writer",
                                                    abstract: "Write labels and a model until killed.")

    @Option(help: "How many labels to write.")
    var labels = 1000

    @Option(help: "Save the model after this many labels.")
    var modelAfter = 500

    @Option(help: "Float32 values in the saved model (its size: 4 bytes each).")
    var modelValues = 1 << 20

    @Option(help: "A word that makes this run's notes unique.")
    var tag = "run"

    @OptionGroup var workspaceOption: WorkspaceOption

    func run() throws {
        let workspace = try workspaceOption.open()
        let images = try workspace.images().filter { $0.missingSince == nil }
        guard !images.isEmpty else { throw ValidationError("the workspace has no images to label") }
        for i in 0 ..< labels {
            if i == modelAfter { try saveModel(in: workspace, trainingImageIds: images.map { $0.id! }) }
            let image = images[i % images.count]
            let verdict: LabelVerdict = i % 3 == 0 ? .anomalous : .normal
            let note = "\(tag)-\(i)"
            try workspace.label([image], as: verdict, note: note)
            report("label \(image.id!) \(verdict.rawValue) \(note)")
        }
        if modelAfter >= labels { try saveModel(in: workspace, trainingImageIds: images.map { $0.id! }) }
    }

    /// One unbuffered write per line: what was reported is out of the process before the next write starts.
    private func report(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private func saveModel(in workspace: Workspace, trainingImageIds: [Int64]) throws {
        let values = (0 ..< modelValues).map { Float($0 % 9973) * 0.001 }
        let file = ModelFile(configuration: DetectorConfiguration(detector: "crash-test", parameters: ["tag": tag]),
                             state: DetectorState(arrays: ["values": .init(shape: [values.count], values: values)]),
                             calibration: ScoreCalibration(threshold: 1, thresholdMethod: "manual", imageMin: 0,
                                                           imageMax: 2, pixelMin: 0, pixelMax: 2))
        let record = try workspace.saveModel(file, trainingImageIds: trainingImageIds, fitSeconds: 0)
        report("model \(record.name)")
    }
}
