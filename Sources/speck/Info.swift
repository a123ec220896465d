import ArgumentParser
import Foundation
import SpeckDetectors
import SpeckImaging

/// `speck info DIR`: what is in a dataset folder, and which files are bad and why.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise an image folder or dataset, or a model file.",
        discussion: """
            Lists FOLDER (MVTec layout or a plain folder of PNG/JPEG images), then decodes every image \
            and mask: prints the images per split and label, masks found, image sizes, skipped files, \
            and each file that cannot be read with the reason. Exits with status 1 when a file is bad. \
            Given a model file instead, prints what it was fitted with: detector, backbone, preprocessing, \
            every parameter (defaults included), threshold and arrays.
            """)

    @Argument(help: "The image folder (or a model file).", completion: .file())
    var folder: String

    @Option(help: "Refuse images with more pixels than this (checked from the header).")
    var maxPixels: Int = ImageIO.defaultMaxPixels

    func run() throws {
        if ModelInfoReport.isModelFile(folder) {
            let model = try ModelFile.read(from: URL(fileURLWithPath: folder))
            print(ModelInfoReport(path: folder, model: model).text, terminator: "")
            return
        }
        let dataset = try Dataset.discover(at: folder)
        let summary = DatasetSummary(dataset: dataset, maxPixels: maxPixels)
        print(InfoReport(summary: summary).text, terminator: "")
        if !summary.badFiles.isEmpty || !dataset.problems.isEmpty { throw ExitCode(1) }
    }
}

/// The text of `speck info`, separate from the command so it reads top to bottom.
struct InfoReport {
    let summary: DatasetSummary

    var text: String {
        let dataset = summary.dataset
        var out = "\(dataset.root)\n"
        let layout = dataset.layout == .mvtec ? "MVTec AD layout" : "plain folder"
        out += "  \(layout), \(dataset.samples.count) images\n\n"
        out += table(header: ["split", "label", "images", "masks"], rows: summary.groups.map { group in
            [group.split == .none ? "-" : group.split.rawValue, group.label ?? "(none)", "\(group.images)",
             group.masks > 0 ? "\(group.masks)" : "-"]
        })
        let defective = dataset.samples.filter { $0.isNormal == false && $0.split != .train }.count
        out += "\nmasks found: \(summary.masksFound)"
        if defective > 0 {
            let which = dataset.layout == .mvtec ? "defective test images" : "images labelled as defective"
            out += " for \(defective) \(which) (\(summary.defectiveWithoutMask) without a mask)"
        }
        if dataset.layout == .folder, !dataset.samples.contains(where: { $0.label != nil }) {
            out += "\nlabels: none (first-level folders name defect kinds only beside a good/, ok/ or normal/ folder)"
        }
        out += "\nimage sizes:"
        if summary.sizes.isEmpty { out += " none decoded" }
        for (size, count) in summary.sizes.sorted(by: { $0.value > $1.value }) { out += "\n  \(size): \(count)" }
        out += "\nskipped: \(dataset.skippedHidden) hidden, \(dataset.skippedNonImage) not images\n"
        let problems = dataset.problems.map(\.description) + summary.badFiles.map(\.description)
        out += problems.isEmpty ? "bad files: none\n" : "bad files (\(problems.count)):\n"
        for problem in problems { out += "  \(problem)\n" }
        return out
    }

    private func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { column, cell in
                column >= 2 ? String(repeating: " ", count: widths[column] - cell.count) + cell
                            : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }.map { "  " + $0 + "\n" }.joined()
    }
}
