import ArgumentParser
import Foundation
import SpeckDetectors
import SpeckImaging
import SpeckTensor

/// `speck bench lbp`: fit LBP on a dataset's training images and score its
/// test images on one core, printing fit time, ms/image and peak memory.
struct BenchLBP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lbp",
        abstract: "Benchmark the LBP detector on one core (fit, then score).")

    @Argument(help: "Dataset folder (MVTec layout).")
    var dataset: String = "../shared/datasets/mvtec-bottle"

    @Option(help: "Square resize side.")
    var resize: Int = 256

    @Option(help: "Centre crop side (0 = none).")
    var crop: Int = 0

    @Option(help: "Scoring passes over the test set; the fastest is reported.")
    var passes: Int = 3

    @Option(name: .customLong("param"), help: "LBP parameter key=value (repeatable).")
    var parameters: [String] = []

    func run() throws {
        BLAS.setThreadCount(1)
        let data = try Dataset.discover(at: dataset)
        let decodeStart = ResourceUsage.now()
        let train = try data.samples(split: .train).filter { $0.isNormal == true }.map { try ImageIO.decode(contentsOf: $0.path) }
        let test = try data.samples(split: .test).map { try ImageIO.decode(contentsOf: $0.path) }
        let decodeMs = (ResourceUsage.now() - decodeStart) * 1000 / Double(max(1, train.count + test.count))
        guard !train.isEmpty, !test.isEmpty else { throw ValidationError("\(dataset): needs train/good and test images") }
        let configuration = DetectorConfiguration(
            detector: LBPDetector.kind, parameters: try DetectorRegistry.parameters(from: parameters),
            preprocessing: Preprocessing(resize: resize, crop: crop > 0 ? crop : nil))
        let detector = try LBPDetector(configuration: configuration)
        print("lbp on \(URL(fileURLWithPath: dataset).lastPathComponent): \(train.count) train, \(test.count) test images "
              + "(\(test[0].width)x\(test[0].height)), resize \(resize)\(crop > 0 ? " crop \(crop)" : ""), one core")

        let fit = Stopwatch()
        try detector.fit(TrainingImages(train), context: FitContext())
        let fitSeconds = fit.wallSeconds, fitCPUSeconds = fit.cpuSeconds
        let (mode, share) = try detector.fittedMode()
        print(String(format: "fit:   %.2f s wall, %.2f s CPU for %d images, %@ mode (position share %.2f)",
                     fitSeconds, fitCPUSeconds, train.count, mode.rawValue, share))

        var best = Double.infinity, bestCPU = Double.infinity
        for _ in 0 ..< max(1, passes) {
            let pass = Stopwatch()
            for image in test { _ = try detector.score(image) }
            best = min(best, pass.wallSeconds / Double(test.count))
            bestCPU = min(bestCPU, pass.cpuSeconds / Double(test.count))
        }
        print(String(format: "score: %.2f ms/image wall (%.0f images/s), %.2f ms/image CPU, on decoded images; decoding adds %.2f ms/image",
                     best * 1000, 1 / best, bestCPU * 1000, decodeMs))
        print("peak memory: \(ResourceUsage.formatBytes(ResourceUsage.peakResidentBytes))")
    }
}
