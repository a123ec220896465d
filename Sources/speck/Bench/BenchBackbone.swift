import ArgumentParser
import Foundation
import SpeckBackbones
import SpeckImaging
import SpeckTensor

/// `speck bench backbone`: ms/image of the backbone at 224x224, for features
/// up to stride 16 and for the full network (logits), one image at a time on
/// one core and as a batch spread over all cores (one image per thread),
/// plus peak memory. Each figure is the best of several rounds. Also times
/// loading the weights once, and hashing them.
struct BenchBackbone: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backbone",
        abstract: "Benchmark the CNN backbone (ms/image, multi-core throughput, peak memory).")

    @Option(help: "Backbone name.")
    var backbone: String = EfficientNetLite0.name

    @Option(help: "Weights file (default: the cache).")
    var weights: String?

    @Option(help: "Input side in pixels.")
    var size: Int = 224

    @Option(help: "Images per round and thread.")
    var images: Int = 20

    @Option(help: "Rounds; the best round is reported.")
    var rounds: Int = 5

    @Option(help: "Threads for the batch figure (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard size >= 32, images >= 1, rounds >= 1, threads >= 1 else {
            throw ValidationError("--size must be >= 32; --images, --rounds and --threads >= 1")
        }
    }

    func run() throws {
        let weightsPath = try WeightsLocator.weights(for: backbone, explicit: weights)
        let loading = Stopwatch()
        let net = try BackboneLoader.load(name: backbone, weightsPath: weightsPath)
        let load = (wall: loading.wallSeconds, cpu: loading.cpuSeconds)
        let hashing = Stopwatch()
        _ = try SHA256.hex(ofFile: weightsPath)
        let hash = (wall: hashing.wallSeconds, cpu: hashing.cpuSeconds)
        BLAS.setThreadCount(1)
        let image = Self.testImage(size: size)
        let stride16 = try Self.tapAtStride16(net)
        print("\(net.name) at \(size)x\(size), \(images) images x \(rounds) rounds, best round reported; "
              + "OpenBLAS \(BLAS.coreName) kernels, 1 thread per image")
        print(String(format: "weights: load %.0f ms, CPU %.0f ms, once per process (finite-value checks and, for a published "
                     + "checkpoint, its SHA-256 included); the SHA-256 alone %.0f ms, CPU %.0f ms",
                     load.wall * 1000, load.cpu * 1000, hash.wall * 1000, hash.cpu * 1000))
        if let load = ResourceUsage.busyLoadAverage {
            print(String(format: "note: load average %.1f on %d cores: wall-clock figures are inflated; CPU ms/img is the steadier one",
                         load, ProcessInfo.processInfo.activeProcessorCount))
        }
        // Wall ms/img is what a user waits; CPU ms/img (per working thread) stays
        // meaningful when other processes share the cores.
        print("stage                               1 core: wall  CPU ms/img   \(threads) cores: wall  CPU ms/img   speed-up")
        let cases: [(String, @Sendable () throws -> Void)] = [
            ("features to stride 16 (\(stride16))", { _ = try net.features(of: image, taps: [stride16]) }),
            ("full network (logits)", { _ = try net.logits(of: image) }),
        ]
        for (label, work) in cases {
            for _ in 0..<3 { try work() }   // warm up: scratch buffers, caches
            let single = try bestRound(threads: 1, work)
            let batch = try bestRound(threads: threads, work)
            print(label.padding(toLength: 35, withPad: " ", startingAt: 0) + String(format: " %12.2f  %10.2f   %12.2f  %10.2f   %7.2fx", single.wall * 1000, single.cpu * 1000,
                         batch.wall * 1000, batch.cpu * 1000, single.wall / batch.wall))
        }
        print("peak memory: \(ResourceUsage.formatBytes(ResourceUsage.peakResidentBytes))")
    }

    /// Seconds per image of the fastest round, `threads` images in flight: wall
    /// clock (throughput) and the CPU time of the working threads.
    private func bestRound(threads: Int, _ work: @escaping @Sendable () throws -> Void) throws -> (wall: Double, cpu: Double) {
        var best = (wall: Double.infinity, cpu: Double.infinity)
        for _ in 0..<rounds {
            let failure = WorkerTally()
            let start = ResourceUsage.now()
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                let cpuStart = ResourceUsage.threadCPUSeconds()
                for _ in 0..<images {
                    do { try work() } catch { failure.record(error) }
                }
                failure.addCPU(ResourceUsage.threadCPUSeconds() - cpuStart)
            }
            let elapsed = ResourceUsage.now() - start
            if let error = failure.error { throw error }
            let count = Double(threads * images)
            best = (min(best.wall, elapsed / count), min(best.cpu, failure.cpuSeconds / count))   // cpu: per image, per thread
        }
        return best
    }

    /// The deepest tap with stride <= 16 (PatchCore's and PaDiM's deepest layer).
    static func tapAtStride16(_ net: any Backbone) throws -> String {
        let candidates = try net.defaultTaps.filter { try net.tapShape($0).stride <= 16 }
        guard let tap = candidates.last else { throw ValidationError("\(net.name) has no default tap at stride <= 16") }
        return tap
    }

    /// A deterministic RGB test pattern (the network's cost does not depend on content).
    static func testImage(size: Int) -> Image {
        var image = Image(width: size, height: size, channels: 3)
        for c in 0..<3 {
            for y in 0..<size {
                for x in 0..<size { image[c, y, x] = Float((x * (c + 1) + y * 3 + c * 50) % 256) / 255 }
            }
        }
        return image
    }
}

/// The first error thrown by any worker thread, and their summed CPU time.
private final class WorkerTally: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var error: Error?
    private(set) var cpuSeconds = 0.0
    func record(_ error: Error) { lock.withLock { if self.error == nil { self.error = error } } }
    func addCPU(_ seconds: Double) { lock.withLock { cpuSeconds += seconds } }
}
