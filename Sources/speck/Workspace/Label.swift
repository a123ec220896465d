import ArgumentParser
import Foundation
import SpeckWorkspace

/// `speck label PATH... --normal|--anomalous|--clear [--note TEXT]`.
struct Label: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Label images as normal (e.g. a false positive) or anomalous; the history is kept.")

    enum Verdict: String, EnumerableFlag {
        case normal, anomalous, clear

        static func help(for value: Verdict) -> ArgumentHelp? {
            switch value {
            case .normal: return "The image is defect-free (it will be trained on by `speck retrain`)."
            case .anomalous: return "The image shows a defect (never trained on)."
            case .clear: return "Withdraw the image's label (kept in the history)."
            }
        }

        var labelVerdict: LabelVerdict {
            switch self {
            case .normal: return .normal
            case .anomalous: return .anomalous
            case .clear: return .cleared
            }
        }
    }

    @Argument(help: "Image files.")
    var paths: [String]

    @Flag var verdict: Verdict

    @Option(help: "A note kept with the label.")
    var note: String?

    @OptionGroup var workspaceOption: WorkspaceOption

    func run() throws {
        let workspace = try workspaceOption.open(startingFrom: paths)
        let (images, problems) = try workspace.resolveImages(paths: paths)
        // Several images labelled in one command are one batch: the workstation's `u` undoes it whole.
        let records = images.count > 1 ? try workspace.labelBatch(images, as: verdict.labelVerdict, note: note).records
            : try workspace.label(images, as: verdict.labelVerdict, note: note)
        for (image, record) in zip(images, records) {
            print("\(record.verdict.rawValue)\t\(image.path)")
        }
        for problem in problems { FileHandle.standardError.write(Data("error: \(problem)\n".utf8)) }
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
