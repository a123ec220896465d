import ArgumentParser
import Foundation
import SpeckWorkspace

/// `speck labels import FILE`: adds the labels of an export; paths the
/// workspace does not have are reported, never silently dropped.
struct LabelsImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Add labels from a CSV or JSON file made by `speck labels export`.")

    @Argument(help: "The label file.")
    var file: String

    @Option(help: "csv or json (default: from the file name).")
    var format: LabelExchange.Format?

    @OptionGroup var workspaceOption: WorkspaceOption

    func run() throws {
        let workspace = try workspaceOption.open()
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ValidationError("cannot read \(file): \(error.localizedDescription)")
        }
        let entries: [LabelEntry]
        do {
            entries = try LabelExchange.decode(text, as: format ?? .init(fileName: file))
        } catch {
            throw ValidationError("\(file): \(error)")
        }
        var matched: [(image: ImageRecord, entry: LabelEntry)] = []
        var unknown: [String] = []
        for entry in entries {
            let (images, problems) = try workspace.resolveImages(paths: [entry.path], relativeTo: .imageRoot)
            if let image = images.first { matched.append((image, entry)) } else { unknown += problems }
        }
        let added = try workspace.importLabels(matched)
        print("imported \(added) labels (\(matched.count - added) already present) from \(file)")
        if !unknown.isEmpty {
            FileHandle.standardError.write(Data("\(unknown.count) labels not imported:\n".utf8))
            for problem in unknown { FileHandle.standardError.write(Data("  \(problem)\n".utf8)) }
            throw ExitCode(1)
        }
    }
}
