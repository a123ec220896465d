import ArgumentParser
import Foundation
import SpeckDetectors
import SpeckWorkspace

/// `speck labels export [--format csv|json] [--output FILE]`.
struct LabelsExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the labels as CSV or JSON (paths relative to the image folder).")

    @Option(help: "csv or json (default: from the --output name, else csv).")
    var format: LabelExchange.Format?

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    @Flag(help: "Export every label ever given, not only those in force.")
    var history = false

    @OptionGroup var workspaceOption: WorkspaceOption

    func run() throws {
        let workspace = try workspaceOption.open()
        let labels = history ? try workspace.labelHistory() : try workspace.currentLabels()
        let chosen = format ?? output.map(LabelExchange.Format.init(fileName:)) ?? .csv
        let text = try LabelExchange.encode(labels.map(LabelEntry.init), as: chosen)
        if let output {
            try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: output))
            FileHandle.standardError.write(Data("wrote \(labels.count) labels to \(output)\n".utf8))
        } else {
            print(text, terminator: "")
        }
    }
}
