import ArgumentParser
import SpeckWorkspace

/// `speck status`: where the workspace lives and how far each model's
/// scoring has come, across every shard that wrote to it.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the workspace and each model's scoring progress across shards (machines running speck score --shard).")

    @OptionGroup var workspaceOption: WorkspaceOption

    func run() throws {
        let workspace = try workspaceOption.open()
        print("workspace \(workspace.storeDescription) for \(workspace.location.imageRoot.path)")
        let progress = try workspace.scoringProgress()
        if progress.isEmpty { print("no model has scored images yet") }
        for model in progress { print(model.summary) }
    }
}
