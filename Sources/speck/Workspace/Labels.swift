import ArgumentParser
import SpeckWorkspace

/// `speck labels list|export|import`.
struct Labels: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, export or import the workspace's labels.",
        subcommands: [LabelsList.self, LabelsExport.self, LabelsImport.self])
}

extension LabelExchange.Format: ExpressibleByArgument {}
