import ArgumentParser
import Foundation
import SpeckBackbones
import SpeckImaging

/// `speck classify IMAGE...`: the ImageNet top-5 of EfficientNet-Lite0, a
/// visible proof that the weights load and the network runs correctly.
struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the ImageNet top-5 classes of images (EfficientNet-Lite0).")

    @Argument(help: "Image files (PNG or JPEG).")
    var images: [String]

    @Option(help: "EfficientNet-Lite0 weights file (default: $SPECK_WEIGHTS, then the cache).")
    var weights: String?

    @Option(help: "How many classes to show.")
    var top: Int = 5

    func validate() throws {
        guard !images.isEmpty else { throw ValidationError("give at least one image") }
        guard (1...1000).contains(top) else { throw ValidationError("--top must be between 1 and 1000") }
    }

    func run() throws {
        let backbone = try BackboneLoader.load(name: EfficientNetLite0.name, weightsPath: weights)
        var failures = 0
        for path in images {
            do {
                // The preprocessing Lite0 was evaluated with: shorter side 256, centre 224.
                let image = try ImageIO.decode(contentsOf: path).asRGB()
                    .resizedShorterSide(to: 256).centreCropped(width: 224, height: 224)
                let logits = try backbone.logits(of: image)
                print(path)
                for (rank, entry) in Self.topClasses(logits, count: top).enumerated() {
                    let name = ImageNetClasses.names[entry.index].padding(toLength: 28, withPad: " ", startingAt: 0)
                    print(String(format: "  %d. %4d  %@ %5.1f%%  (logit %.3f)", rank + 1, entry.index, name,
                                 entry.probability * 100, logits[entry.index]))
                }
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("speck classify: \(error)\n".utf8))
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// Indices of the highest logits with their softmax probabilities.
    static func topClasses(_ logits: [Float], count: Int) -> [(index: Int, probability: Float)] {
        let largest = logits.max() ?? 0
        let exponentials = logits.map { Foundation.exp($0 - largest) }
        let total = exponentials.reduce(0, +)
        return logits.indices.sorted { logits[$0] > logits[$1] }.prefix(count).map { ($0, exponentials[$0] / total) }
    }
}
