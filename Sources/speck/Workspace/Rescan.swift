import ArgumentParser
import SpeckWorkspace

/// `speck rescan`: brings the workspace in line with the files on disk.
struct Rescan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find new, changed and deleted images; drop the scores of changed ones.")

    @Argument(help: "A folder inside the workspace's image folder (default: the current folder).")
    var folder: String?

    @OptionGroup var workspaceOption: WorkspaceOption

    @Flag(name: .long, help: "List every changed path, not just the first few.")
    var verbose = false

    func run() throws {
        let workspace = try workspaceOption.open(startingFrom: folder.map { [$0] } ?? [])
        let report = try Rescanner(workspace: workspace).rescan()
        RescanSummary(report: report, verbose: verbose).print()
    }
}
