import ArgumentParser
import SpeckWorkspace

/// `speck compare MODEL_A MODEL_B`.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare two model versions on the labelled images and the test images neither learned from.")

    @Argument(help: "The first model (e.g. m1).")
    var first: String

    @Argument(help: "The second model (e.g. m2; default: the newest).")
    var second: String = "latest"

    @Flag(help: "List every test image side by side, not only the labelled ones and the changes.")
    var all = false

    @Option(help: "Backbone weights file, when a model must score images it has not scored yet.")
    var weights: String?

    @OptionGroup var workspaceOption: WorkspaceOption

    func run() throws {
        let workspace = try workspaceOption.open()
        let a = try workspace.model(named: first), b = try workspace.model(named: second)
        let comparison = try ModelComparison.compare(a, b, in: workspace) { model in
            try ModelDetectors.restored(workspace.modelFile(of: model), weights: weights)
        }
        ComparisonTable(comparison: comparison, listAll: all).print()
    }
}
