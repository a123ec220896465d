import ArgumentParser
import Foundation
import SpeckDetectors
import SpeckImaging
import SpeckTensor

/// `speck bench detectors`: fit a detector on a dataset's train/good
/// images and score its test images end to end (decode, preprocess, backbone,
/// detector, map), printing fit time, ms/image, throughput and peak memory.
struct BenchDetectors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detectors",
        abstract: "Benchmark fitting and scoring of a detector (PatchCore, PaDiM, SPADE, the flows, ...) on a dataset.")

    @Argument(help: "Dataset folder (MVTec layout).")
    var dataset: String = "../shared/datasets/mvtec-bottle"

    @Option(help: "Detector kind (\(DetectorRegistry.standard.kinds.joined(separator: ", "))).")
    var detector: String = "patchcore"

    @Option(help: "Scoring threads (one image per thread).")
    var threads: Int = 1

    @Option(help: "Scoring passes over the test set; the best is reported.")
    var passes: Int = 3

    @Option(help: "Square resize side.")
    var resize: Int = 256

    @Option(help: "Centre crop side (0 = none).")
    var crop: Int = 224

    @Option(help: "Backbone weights file (default: the cache).")
    var weights: String?

    @Option(name: .customLong("param"), help: "Detector parameter key=value (repeatable).")
    var parameters: [String] = []

    @Option(help: "Training set sizes to time the fit on, comma-separated, e.g. 100,400,800 (varied synthetic copies of the train images); the last model fitted is scored. Default: the train images as they are.")
    var trainImages: String?

    private var trainSizes: [Int]? {
        trainImages.map(SizeList.parse)
    }

    func validate() throws {
        guard threads >= 1, passes >= 1 else { throw ValidationError("--threads and --passes must be at least 1") }
        if let sizes = trainSizes, sizes.isEmpty || sizes.contains(where: { $0 < 1 }) {
            throw ValidationError("--train-images: sizes of at least 1, comma-separated, e.g. 100,400,800")
        }
    }

    func run() throws {
        BLAS.setThreadCount(1)
        let data = try Dataset.discover(at: dataset)
        let train = data.samples(split: .train).filter { $0.isNormal ?? true }
        let test = data.samples(split: .test)
        guard !train.isEmpty, !test.isEmpty else {
            throw ValidationError("\(dataset): needs train and test images")
        }
        let preprocessing = Preprocessing(resize: resize, crop: crop > 0 ? crop : nil)
        print("\(detector) on \(URL(fileURLWithPath: dataset).lastPathComponent): \(train.count) train, \(test.count) test images, "
              + "resize \(resize)\(crop > 0 ? " crop \(crop)" : ""), \(threads) scoring thread(s)")
        var model: (any Detector)?
        if let sizes = trainSizes {
            // Fit time against the number of training images: one fresh detector per size.
            for count in sizes {
                let copies = VariedCopies(sources: train.map(\.path), count: count, seed: 0)
                model = try fitTimed(preprocessing, TrainingImages(count: count) { try copies.image(at: $0) },
                                     label: "\(count) varied copies")
            }
        } else {
            model = try fitTimed(preprocessing, TrainingImages(count: train.count) { try ImageIO.decode(contentsOf: train[$0].path) },
                                 label: "\(train.count) train images")
        }
        guard let model else { return }

        if let load = ResourceUsage.busyLoadAverage {
            print(String(format: "note: load average %.1f: wall-clock figures are inflated; CPU ms/image is the steadier one", load))
        }
        var best = Double.infinity, bestCPU = Double.infinity
        for pass in 1...passes {
            let watch = Stopwatch()
            let failures = Self.scoreAll(test.map(\.path), with: model, threads: threads)
            let msPerImage = watch.wallSeconds * 1000 / Double(test.count)
            let cpuPerImage = watch.cpuSeconds * 1000 / Double(test.count)
            best = min(best, msPerImage)
            bestCPU = min(bestCPU, cpuPerImage)
            print(String(format: "score pass %d: %.1f ms/image wall, %.1f ms/image CPU%@", pass, msPerImage, cpuPerImage,
                         failures.isEmpty ? "" : " (\(failures.count) failed: \(failures[0]))"))
        }
        print(String(format: "score best: %.1f ms/image wall (%.1f images/s), %.1f ms/image CPU, with %d thread(s)",
                     best, 1000 / best, bestCPU, threads))
        print("peak memory: \(ResourceUsage.formatBytes(ResourceUsage.peakResidentBytes))")
    }

    /// A fresh detector fitted on `images`, its fit time, stages and peak memory so far printed.
    private func fitTimed(_ preprocessing: Preprocessing, _ images: TrainingImages, label: String) throws -> any Detector {
        let model = try DetectorRegistry.standard.makeDetector(kind: detector, weightsPath: weights,
                                                             parameters: try DetectorRegistry.parameters(from: parameters),
                                                             preprocessing: preprocessing)
        let stages = StageClock()
        let context = FitContext(onProgress: { stages.enter($0.stage) }, onMessage: { print("note: \($0)") })
        let fit = Stopwatch()
        try model.fit(images, context: context)
        print(String(format: "fit on %@: %.1f s wall, %.1f s CPU (%@); peak memory so far %@", label, fit.wallSeconds, fit.cpuSeconds,
                     stages.summary(until: ResourceUsage.now()), ResourceUsage.formatBytes(ResourceUsage.peakResidentBytes)))
        return model
    }

    /// Decodes and scores every path, `threads` images at a time; returns the errors.
    static func scoreAll(_ paths: [String], with model: any Detector, threads: Int) -> [String] {
        let next = Counter()
        let errors = Counter.Log()
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let i = next.take(below: paths.count) {
                do { _ = try model.score(try ImageIO.decode(contentsOf: paths[i])) }
                catch { errors.append("\(paths[i]): \(error)") }
            }
        }
        return errors.lines
    }
}

/// Wall time spent in each fit stage, from the progress reports.
private final class StageClock: @unchecked Sendable {
    private let lock = NSLock()
    private var order: [(String, Double)] = []

    func enter(_ stage: String) {
        lock.withLock {
            if order.last?.0 != stage { order.append((stage, ResourceUsage.now())) }
        }
    }

    func summary(until end: Double) -> String {
        lock.withLock {
            order.enumerated().map { i, entry in
                let stop = i + 1 < order.count ? order[i + 1].1 : end
                return String(format: "%@ %.1f s", entry.0, stop - entry.1)
            }.joined(separator: ", ")
        }
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.withLock {
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }

    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String] = []
        func append(_ line: String) { lock.withLock { entries.append(line) } }
        var lines: [String] { lock.withLock { entries } }
    }
}
