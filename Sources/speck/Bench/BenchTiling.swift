import ArgumentParser
import Foundation
import SpeckDetectors
import SpeckImaging
import SpeckTensor

/// `speck bench tiling`: fits a tiled detector on large images laid out in
/// memory from a dataset's training images (one large image at a time, as a
/// streamed training set is) and scores more of them, printing fit time,
/// ms/image, CPU time and peak memory: the memory budget of `--tile`.
struct BenchTiling: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tiling",
        abstract: "Benchmark tiled fitting and scoring on large images made from a dataset's images (time and peak memory).")

    @Argument(help: "Dataset whose train/good images are laid side by side into the large images.")
    var dataset: String = "sample-images"

    @Option(help: "Detector kind (\(DetectorRegistry.standard.kinds.joined(separator: ", "))).")
    var detector: String = "patchcore"

    @Option(help: "Width of the large images (default 2592 x 1944: 5 megapixels).")
    var width: Int = 2592

    @Option(help: "Height of the large images.")
    var height: Int = 1944

    @Option(help: "Large images to fit on.")
    var images: Int = 4

    @Option(help: "Large images to score.")
    var score: Int = 2

    @Option(help: "Resize side of each tile.")
    var resize: Int = 256

    @Option(help: "Tile side in pixels of the large image.")
    var tile: Int = 512

    @Option(help: "Pixels neighbouring tiles share.")
    var tileOverlap: Int = 64

    @Option(help: "Backbone weights file (default: the cache).")
    var weights: String?

    @Option(name: .customLong("param"), help: "Detector parameter key=value (repeatable).")
    var parameters: [String] = []

    func validate() throws {
        guard width >= 16, height >= 16, images >= 1, score >= 1 else {
            throw ValidationError("--width and --height need at least 16 pixels, --images and --score at least 1")
        }
    }

    func run() throws {
        BLAS.setThreadCount(1)
        let panels = try Dataset.discover(at: dataset).samples(split: .train).filter { $0.isNormal ?? true }.map(\.path)
        guard !panels.isEmpty else { throw ValidationError("\(dataset): no train/good images to lay out") }
        let preprocessing = Preprocessing(resize: resize, tiling: Tiling(tile: tile, overlap: tileOverlap))
        try preprocessing.validate()
        let model = try DetectorRegistry.standard.makeDetector(kind: detector, weightsPath: weights,
                                                             parameters: try DetectorRegistry.parameters(from: parameters),
                                                             preprocessing: preprocessing)
        let layout = Tiling(tile: tile, overlap: tileOverlap).layout(width: width, height: height)
        print("\(detector), tiles of \(tile) px overlapping \(tileOverlap) px at \(resize) px: \(layout.count) tiles per "
              + "\(width)x\(height) image (\(String(format: "%.1f", Double(width * height) / 1e6)) MP), "
              + "\(images) to fit, \(score) to score")
        let (width, height) = (self.width, self.height)
        let large = { @Sendable (index: Int) throws -> Image in try Self.layOut(panels, index: index, width: width, height: height) }

        let fit = Stopwatch()
        try model.fit(TrainingImages(count: images, loader: large), context: FitContext(onMessage: { print("note: \($0)") }))
        print(String(format: "fit: %.1f s wall, %.1f s CPU; peak memory so far %@", fit.wallSeconds, fit.cpuSeconds,
                     ResourceUsage.formatBytes(ResourceUsage.peakResidentBytes)))
        let scoring = Stopwatch()
        var mapSize = ""
        for index in 0..<score {
            let result = try model.score(try large(images + index))
            mapSize = result.map.map { "\($0.width)x\($0.height)" } ?? "none"
        }
        print(String(format: "score: %.0f ms/image wall, %.0f ms/image CPU, map %@ over the whole image",
                     scoring.wallSeconds * 1000 / Double(score), scoring.cpuSeconds * 1000 / Double(score), mapSize))
        if let load = ResourceUsage.busyLoadAverage {
            print(String(format: "note: load average %.1f: wall-clock figures are inflated; CPU time is the steadier one", load))
        }
        print("peak memory: \(ResourceUsage.formatBytes(ResourceUsage.peakResidentBytes))")
    }

    /// A `width` x `height` RGB image of dataset images side by side at their own size (cut at the borders).
    static func layOut(_ panels: [String], index: Int, width: Int, height: Int) throws -> Image {
        var out = Image(width: width, height: height, channels: 3)
        var y = 0, k = 0
        while y < height {
            var x = 0, rowHeight = 1
            while x < width {
                let panel = try ImageIO.decode(contentsOf: panels[(index * 7 + k) % panels.count]).asRGB()
                k += 1
                for c in 0..<3 {
                    for py in 0..<min(panel.height, height - y) {
                        for px in 0..<min(panel.width, width - x) { out[c, y + py, x + px] = panel[c, py, px] }
                    }
                }
                x += panel.width
                rowHeight = max(rowHeight, panel.height)
            }
            y += rowHeight
        }
        return out
    }
}
