import ArgumentParser
import SpeckWorkspace

/// `speck init [DIR]`: makes the workspace of an image folder and scans it.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a workspace for an image folder (DIR/.speck, or --workspace) and scan its images.")

    @Argument(help: "The image folder (default: the current folder).")
    var folder: String = "."

    @Option(name: .long, help: ArgumentHelp(
        "Keep the workspace here instead of DIR/.speck (for read-only image folders).", valueName: "DIR"))
    var workspace: String?

    func run() throws {
        let created: Workspace
        do {
            created = try Workspace.create(imageRoot: folder, storeFolder: workspace)
        } catch WorkspaceError.alreadyExists(let path) {
            throw ValidationError("\(path) already holds a Speck workspace; run `speck rescan` to update it")
        }
        print("Created workspace \(created.location.storeFolder.path) for \(created.location.imageRoot.path)")
        let report = try Rescanner(workspace: created).rescan()
        RescanSummary(report: report, verbose: false).print()
    }
}
