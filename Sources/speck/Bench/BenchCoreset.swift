import ArgumentParser
import Foundation
import SpeckDetectors
import SpeckImaging
import SpeckTensor

/// `speck bench coreset`: PatchCore's fit time against the number of training
/// images, on varied synthetic copies (`VariedCopies`) of real images, for the
/// fast and/or exact coreset selection. Prints one row per fit: feature and
/// coreset stages and the whole fit, wall and CPU, and the peak memory so far.
struct BenchCoreset: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coreset",
        abstract: "Benchmark PatchCore's fit (coreset selection) against the number of training images.")

    @Argument(help: "Dataset folders whose train/good images are copied (textured sets are the hard case).")
    var datasets: [String] = ["../shared/datasets/mpdd-metal_plate", "../shared/datasets/mvtec-screw"]

    @Option(help: "Training set sizes, comma-separated.")
    var images: String = "100,400,800"

    @Option(help: "Coreset methods, comma-separated (fast, exact). Exact takes tens of minutes on 800 textured images.")
    var methods: String = "fast"

    @Option(help: "Coreset fraction.")
    var coreset: Double = 0.1

    @Option(help: "Seed of the copies and of the coreset.")
    var seed: Int = 0

    func validate() throws {
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }) else { throw ValidationError("--images: positive counts, e.g. 100,400,800") }
        guard !methodList.isEmpty, methodList.allSatisfy({ ["fast", "exact"].contains($0) }) else {
            throw ValidationError("--methods: fast and/or exact")
        }
    }

    private var sizes: [Int] { SizeList.parse(images) }
    private var methodList: [String] { methods.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }

    func run() throws {
        BLAS.setThreadCount(1)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("PatchCore fit, coreset \(coreset * 100)%, resize 256 crop 224, \(cores) cores; copies: random crop 70-100%, mirror, quarter turn, noise +-0.02")
        if let load = ResourceUsage.busyLoadAverage {
            print(String(format: "note: load average %.1f: wall-clock figures are inflated; CPU time is the steadier one", load))
        }
        print("source              images     bank method  features s wall/CPU  coreset s wall/CPU  picks made  fit s wall/CPU  peak memory")
        for dataset in datasets {
            let data = try Dataset.discover(at: dataset)
            let train = data.samples(split: .train).filter { $0.isNormal ?? true }.map(\.path)
            guard !train.isEmpty else { throw ValidationError("\(dataset): no train/good images") }
            let name = URL(fileURLWithPath: dataset).lastPathComponent
            for count in sizes {
                for method in methodList {
                    let copies = VariedCopies(sources: train, count: count, seed: UInt64(seed))
                    let model = try DetectorRegistry.standard.makeDetector(
                        kind: "patchcore", weightsPath: nil,
                        parameters: ["coreset": "\(coreset)", "coreset_method": method, "seed": "\(seed)"],
                        preprocessing: Preprocessing(resize: 256, crop: 224))
                    let stages = StageTimes()
                    let context = FitContext(onProgress: { stages.enter($0) }, onMessage: { print("note: \($0)") })
                    let fit = Stopwatch()
                    try model.fit(TrainingImages(count: count) { try copies.image(at: $0) }, context: context)
                    let wall = fit.wallSeconds, cpu = fit.cpuSeconds
                    let features = stages.seconds(of: "features"), selection = stages.seconds(of: "coreset")
                    let bankRows = try model.exportState().arrays["memory_bank"]?.shape.first ?? 0
                    print(name.padding(toLength: 19, withPad: " ", startingAt: 0) + String(format: " %6d %8d %-7@ %9.1f / %-9.1f %8.1f / %-9.1f %9.2fx %6.1f / %-6.1f %@",
                                 count, bankRows, method, features.wall, features.cpu, selection.wall, selection.cpu,
                                 Double(stages.lastCount(of: "coreset")) / Double(max(bankRows, 1)), wall, cpu, ResourceUsage.formatBytes(ResourceUsage.peakResidentBytes)))
                    fflush(nil)  // rows appear as they come, also when redirected to a file
                }
            }
        }
        print("peak memory is the process's so far (runs go from small to large)")
    }
}
