import ArgumentParser
import SpeckWorkspace

/// `speck labels list|next|export|import`.
struct Labels: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List labels, show what to label next, export or import labels.",
        subcommands: [LabelsList.self, LabelsNext.self, LabelsExport.self, LabelsImport.self])
}

extension LabelExchange.Format: ExpressibleByArgument {}
