import ArgumentParser
import Foundation
import SpeckWorkspace

/// `speck init [DIR]`: makes the workspace of an image folder and scans it.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a workspace for an image folder (DIR/.speck, --workspace, or a PostgreSQL --store) and scan its images.")

    @Argument(help: "The image folder (default: the current folder).")
    var folder: String = "."

    @Option(name: .long, help: ArgumentHelp(
        "Keep the workspace here instead of DIR/.speck (for read-only image folders).", valueName: "DIR"))
    var workspace: String?

    @OptionGroup var team: StoreOptions

    func run() throws {
        let created: Workspace
        do {
            if let address = try team.address() {
                created = try Workspace.create(imageRoot: folder, store: address, blobs: team.blobs)
            } else {
                created = try Workspace.create(imageRoot: folder, storeFolder: workspace)
            }
        } catch WorkspaceError.alreadyExists(let path) {
            throw ValidationError("\(path) already holds a Speck workspace; run `speck rescan` to update it")
        }
        print("Created workspace \(created.storeDescription) for \(created.location.imageRoot.path)")
        let report = try Rescanner(workspace: created).rescan()
        RescanSummary(report: report, verbose: false).print()
    }
}
