import ArgumentParser
import SpeckWorkspace

/// `speck labels list [--history]`.
struct LabelsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Show the labels in force.")

    @Flag(help: "Show every label ever given, oldest first, including replaced and cleared ones.")
    var history = false

    @OptionGroup var workspaceOption: WorkspaceOption

    func run() throws {
        let workspace = try workspaceOption.open()
        let labels = history ? try workspace.labelHistory() : try workspace.currentLabels()
        if labels.isEmpty {
            print("no labels yet (label images with `speck label PATH... --normal|--anomalous`)")
            return
        }
        for label in labels {
            let note = label.note.map { "\t\($0.replacingOccurrences(of: "\n", with: " "))" } ?? ""
            print("\(label.verdict.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0))\t"
                + "\(Timestamp.string(label.createdAt))\t\(label.author)\t\(label.path)\(note)")
        }
        let normal = labels.filter { $0.verdict == .normal }.count
        let anomalous = labels.filter { $0.verdict == .anomalous }.count
        print("\(labels.count) labels: \(normal) normal, \(anomalous) anomalous")
    }
}
