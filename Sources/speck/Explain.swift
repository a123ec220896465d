import ArgumentParser
import Foundation
import SpeckBackbones
import SpeckDetectors
import SpeckImaging

/// `speck explain MODEL IMAGE [--at X,Y] [--out DIR]`: why a spot of an image
/// scored as it did — the nearest stored normal patch, its training image and
/// position, and the distance (PatchCore and SPADE models).
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the nearest normal patch behind a spot's score: training image, position, distance (PatchCore, SPADE).")

    @Argument(help: "Model file written by `speck train`, `speck eval --out` or the workstation.")
    var model: String

    @Argument(help: "The image to explain.")
    var image: String

    @Option(help: "The spot, as X,Y in the image's pixels (default: the hottest spot of the map).")
    var at: String?

    @Option(help: "Write the test crop, the training crop and both side by side as PNG into this folder.")
    var out: String?

    @Option(help: "Backbone weights file for feature detectors (default: the cache).")
    var weights: String?

    func run() throws {
        let modelFile = try ModelFile.read(from: URL(fileURLWithPath: model))
        var resources = DetectorResources(weightsPath: weights)
        if modelFile.configuration.backbone == "efficientnet-lite0" {
            resources.weightsPath = try WeightsLocator.efficientNetLite0(explicit: weights)
        }
        let detector = try DetectorRegistry.standard.restore(modelFile, resources: resources)
        let finder: EvidenceFinder
        do { finder = try EvidenceFinder(detector: detector) } catch let error as EvidenceError {
            throw ExplainError(description: "\(model): \(error)")
        }
        let picture = try ImageIO.decode(contentsOf: image)
        let spot = try at.map(Self.parseSpot)
        let prepared = try finder.prepare(picture)
        let evidence: PatchEvidence
        do { evidence = try finder.evidence(prepared, at: spot) } catch let error as EvidenceError {
            throw ExplainError(description: "\(image): \(error)")
        }
        let crops = EvidenceCrops.make(evidence, test: picture, finder: finder)
        for line in Self.lines(evidence, crops: crops, image: image, hottest: spot == nil) { print(line) }
        if let out { try write(crops, into: out) }
    }

    static func lines(_ evidence: PatchEvidence, crops: EvidenceCrops, image: String, hottest: Bool) -> [String] {
        let source = evidence.match.source
        var lines = [
            "image     \(image)  (score \(String(format: "%.4g", evidence.imageScore)))",
            "spot      x \(evidence.spotX) y \(evidence.spotY)" + (hottest ? "  (hottest spot of the map)" : "")
                + "  map value \(String(format: "%.4g", evidence.mapValue))",
            "patch     \(evidence.testBox)  (cell \(evidence.cellX),\(evidence.cellY) of \(evidence.gridWidth)x\(evidence.gridHeight))",
        ]
        if let file = evidence.trainingFile {
            lines.append("nearest   \(file.path)" + (file.tile > 0 ? "  (tile \(file.tile + 1))" : ""))
        } else {
            lines.append("nearest   training image \(source.sample + 1) (fitted from memory: no path)")
        }
        let position = crops.trainingBox.map { "\($0)  " } ?? ""
        lines.append("position  \(position)(cell \(source.x),\(source.y) of \(source.gridWidth)x\(source.gridHeight))")
        lines.append("distance  \(String(format: "%.4g", evidence.distance))")
        if let problem = crops.problem { lines.append("note      \(problem)") }
        return lines
    }

    static func parseSpot(_ text: String) throws -> (x: Int, y: Int) {
        let parts = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let x = parts[0], let y = parts[1] else {
            throw ValidationError("--at \(text): expected X,Y in image pixels, e.g. --at 120,48")
        }
        return (x, y)
    }

    private func write(_ crops: EvidenceCrops, into folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stem = ((image as NSString).lastPathComponent as NSString).deletingPathExtension
        var written = [(folder as NSString).appendingPathComponent("\(stem)-test.png")]
        try ImageIO.writePNG(crops.test, to: written[0])
        if let training = crops.training, let both = crops.sideBySide {
            written.append((folder as NSString).appendingPathComponent("\(stem)-nearest.png"))
            try ImageIO.writePNG(training, to: written[1])
            written.append((folder as NSString).appendingPathComponent("\(stem)-side-by-side.png"))
            try ImageIO.writePNG(both, to: written[2])
        }
        for path in written { print("wrote     \(path)") }
    }
}

/// Why there is no evidence, naming the file: a runtime answer, not a usage mistake.
struct ExplainError: Error, CustomStringConvertible {
    var description: String
}
