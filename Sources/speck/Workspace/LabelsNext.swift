import ArgumentParser
import SpeckWorkspace

/// `speck labels next [--count N] [--model M]`: the labelling queue, the same
/// order as the workstation's "label next" sort.
struct LabelsNext: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Show the images to label next, with the reason each is there.",
        discussion: """
            Unlabelled images the model did not learn from: first those nearest the threshold (within 5% \
            of the score range), then the other flagged images, nearest the threshold first but look-alikes \
            (an 8x8 anomaly-map signature close to that of a flagged image ahead or already labelled) \
            pushed back, then the rest.
            """)

    @Option(help: "How many images to show.")
    var count = 10

    @Option(help: "The model whose scores and threshold order the queue (default: the newest).")
    var model = "latest"

    @OptionGroup var workspaceOption: WorkspaceOption

    func validate() throws {
        guard count > 0 else { throw ValidationError("--count must be at least 1 (got \(count))") }
    }

    func run() throws {
        let workspace = try workspaceOption.open()
        let record = try workspace.model(named: model)
        let queue = try workspace.labellingQueue(model: record)
        guard !queue.isEmpty else {
            print("nothing to label: every image \(record.name) scored is labelled or was trained on")
            return
        }
        if let threshold = try workspace.currentThreshold(modelId: record.id!) {
            print("queue of \(record.name) at threshold \(BatchReport.figure(Float(threshold.value)))")
        }
        let shown = queue.prefix(count)
        let width = shown.map(\.path.count).max() ?? 0
        for (rank, place) in shown.enumerated() {
            print("\(rank + 1)\t\(place.path.padding(toLength: width, withPad: " ", startingAt: 0))\t"
                + BatchReport.figure(Float(place.score)) + "\t\(place.reason.text)")
        }
        print("\(queue.count) images in the queue of \(record.name); showing \(shown.count)")
    }
}
