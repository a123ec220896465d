import ArgumentParser
import SpeckWorkspace

/// `--workspace DIR` (or `--store URL`) for every command that works in a
/// workspace; without them the workspace is found like git finds its repository.
struct WorkspaceOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The workspace's store folder (default: the nearest .speck/ at or above the given paths or the current folder).",
        valueName: "DIR"))
    var workspace: String?

    @OptionGroup var team: StoreOptions

    @Option(name: .long, help: ArgumentHelp(
        "Where this machine mounts the workspace's images, when elsewhere than recorded at init "
            + "(default: $SPECK_IMAGE_ROOT, else the recorded folder); image paths are kept relative to it.",
        valueName: "DIR"))
    var imageRoot: String?

    func open(startingFrom paths: [String] = []) throws -> Workspace {
        try Workspace.find(explicit: workspace, startingFrom: paths, store: team.store, blobs: team.blobs,
                           imageRoot: imageRoot)
    }
}
