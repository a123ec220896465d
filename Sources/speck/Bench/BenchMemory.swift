import ArgumentParser
import Foundation
import SpeckDetectors
import SpeckImaging
import SpeckTensor

/// `speck bench memory`: fits a detector on N synthetic large images (varied
/// copies of a dataset's training images, made one at a time as a streamed
/// training set is) and scores a few more, printing wall and CPU time and the
/// peak resident memory after each. Several N run one process each, so every
/// peak is that N's own, and a table shows whether the peak grows with N.
struct BenchMemory: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memory",
        abstract: "Benchmark peak memory of fitting on N large synthetic images and scoring one (one process per N).")

    @Option(help: "Training set sizes, comma-separated; each runs in its own process.")
    var images: String = "20"

    @Option(help: "Image size WIDTHxHEIGHT (2236x2236 is 5 megapixels).")
    var size: String = "2236x2236"

    @Option(help: "Tile side in pixels of the large image (0 = no tiling: the image is resized whole).")
    var tile: Int = 512

    @Option(help: "Pixels neighbouring tiles share.")
    var tileOverlap: Int = 64

    @Option(help: "Resize side (of each tile when tiling).")
    var resize: Int = 256

    @Option(help: "Centre crop side (0 = none; without tiling only).")
    var crop: Int = 0

    @Option(help: "Large images to score.")
    var score: Int = 1

    @Option(help: "Dataset whose train/good images the synthetic copies are made from.")
    var source: String = "../shared/datasets/mvtec-bottle"

    @Option(help: "Detector kind (\(DetectorRegistry.standard.kinds.joined(separator: ", "))).")
    var detector: String = "patchcore"

    @Option(help: "Backbone weights file (default: the cache).")
    var weights: String?

    @Option(name: .customLong("param"), help: "Detector parameter key=value (repeatable), e.g. memory_mb=256.")
    var parameters: [String] = []

    private var counts: [Int] { SizeList.parse(images) }

    private var dimensions: (width: Int, height: Int)? {
        let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        return parts.count == 2 && parts.allSatisfy({ $0 >= 16 }) ? (parts[0], parts[1]) : nil
    }

    func validate() throws {
        guard !counts.isEmpty, counts.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--images: sizes of at least 1, comma-separated") }
        guard dimensions != nil else { throw ValidationError("--size: WIDTHxHEIGHT, each at least 16, e.g. 2236x2236") }
        guard score >= 1, tile >= 0 else { throw ValidationError("--score must be at least 1 and --tile not negative") }
    }

    func run() throws {
        if counts.count == 1 {
            let row = try measure(count: counts[0])
            print(Self.header)
            return print(row)
        }
        var rows: [String] = []
        for count in counts {
            FileHandle.standardOutput.write(Data("--- \(count) images, in a process of its own\n".utf8))
            rows.append(try runChild(count: count))
        }
        print("\n" + Self.header)
        rows.forEach { print($0) }
    }

    static let header = "images  size        fit wall  fit CPU   peak after fit  score ms/image (wall/CPU)  peak after scoring"

    /// Runs this command for one N in a child process, relaying its output; returns its result row.
    private func runChild(count: Int) throws -> String {
        guard let executable = Bundle.main.executableURL else { throw ValidationError("cannot find the speck executable to run per N") }
        var arguments = ["bench", "memory", "--images", "\(count)", "--size", size, "--tile", "\(tile)", "--tile-overlap", "\(tileOverlap)",
                         "--resize", "\(resize)", "--crop", "\(crop)", "--score", "\(score)", "--source", source, "--detector", detector]
        if let weights { arguments += ["--weights", weights] }
        for parameter in parameters { arguments += ["--param", parameter] }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var output = ""
        while case let data = pipe.fileHandleForReading.availableData, !data.isEmpty {
            let text = String(decoding: data, as: UTF8.self)
            FileHandle.standardOutput.write(data)
            output += text
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0, let row = output.split(separator: "\n").last(where: { $0.hasPrefix(String(format: "%6d", count)) }) else {
            throw ValidationError("the run with \(count) images failed (exit \(process.terminationStatus))")
        }
        return String(row)
    }

    /// Fits on `count` synthetic images and scores `score` more, in this process; returns the result row.
    private func measure(count: Int) throws -> String {
        BLAS.setThreadCount(1)
        let (width, height) = dimensions!
        let train = try Dataset.discover(at: source).samples(split: .train).filter { $0.isNormal ?? true }.map(\.path)
        guard !train.isEmpty else { throw ValidationError("\(source): no train/good images to copy") }
        let preprocessing = tile > 0
            ? Preprocessing(resize: resize, tiling: Tiling(tile: tile, overlap: tileOverlap))
            : Preprocessing(resize: resize, crop: crop > 0 ? crop : nil)
        try preprocessing.validate()
        let model = try DetectorRegistry.standard.makeDetector(kind: detector, weightsPath: weights,
                                                             parameters: try DetectorRegistry.parameters(from: parameters),
                                                             preprocessing: preprocessing)
        let copies = VariedCopies(sources: train, count: count + score, seed: 0)
        let large = { @Sendable (index: Int) throws -> Image in
            let image = try copies.image(at: index)
            return image.width == width && image.height == height ? image : image.resized(width: width, height: height)
        }
        let tiles = tile > 0 ? Tiling(tile: tile, overlap: tileOverlap).layout(width: width, height: height).count : 1
        print("\(detector) \(parameters.joined(separator: " ")): \(count) synthetic \(width)x\(height) images "
              + "(\(String(format: "%.1f", Double(width * height) / 1e6)) MP, \(tile > 0 ? "\(tiles) tiles of \(tile) px" : "resized whole") at \(resize) px)")

        let fit = Stopwatch()
        try model.fit(TrainingImages(count: count, loader: large), context: FitContext(onMessage: { print("note: \($0)") }))
        let (fitWall, fitCPU) = (fit.wallSeconds, fit.cpuSeconds)
        let fitPeak = ResourceUsage.peakResidentBytes
        if let bank = try? model.exportState().arrays["memory_bank"] {
            print("memory bank: \(bank.shape[0]) patches x \(bank.shape[1]) channels (\(ResourceUsage.formatBytes(bank.values.count * 4)))")
        }
        let scoring = Stopwatch()
        for index in 0..<score { _ = try model.score(try large(count + index)) }
        if let load = ResourceUsage.busyLoadAverage {
            print(String(format: "note: load average %.1f: wall-clock figures are inflated; CPU time is the steadier one", load))
        }
        return String(format: "%6d  %-10@  %6.1f s  %6.1f s   %14@  %11.0f / %-11.0f  %18@", count, size as NSString, fitWall, fitCPU,
                      ResourceUsage.formatBytes(fitPeak) as NSString,
                      scoring.wallSeconds * 1000 / Double(score), scoring.cpuSeconds * 1000 / Double(score),
                      ResourceUsage.formatBytes(ResourceUsage.peakResidentBytes) as NSString)
    }
}
