import ArgumentParser
import COpenBLAS
import Foundation
import SpeckDetectors
import SpeckImaging
import SpeckLearning
import SpeckTensor

/// `speck bench train`: the training engine's speed. The machine's sgemm rate
/// on one thread (on the convolution's own matrix sizes), a 3x3 64→64
/// convolution forward and backward against it, and a conv step and a
/// DCGAN-shaped encoder–decoder step on both cores, batch splitting against
/// OpenBLAS threads. Each figure is the best of several rounds, wall and CPU.
struct BenchTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Benchmark the training engine (sgemm rate, conv2d forward/backward, both cores).")

    @Option(help: "Images per batch for the convolution.")
    var batch: Int = 8

    @Option(help: "Images per batch for the DCGAN-shaped step (64x64 px).")
    var ganBatch: Int = 32

    @Option(help: "Rounds; the best round is reported.")
    var rounds: Int = 5

    func validate() throws {
        guard batch >= 2, ganBatch >= 2, rounds >= 1 else { throw ValidationError("--batch, --gan-batch >= 2; --rounds >= 1") }
    }

    func run() throws {
        BLAS.setThreadCount(1)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("OpenBLAS \(BLAS.coreName) kernels, \(cores) cores; best of \(rounds) rounds; wall and process CPU time")
        if let load = ResourceUsage.busyLoadAverage {
            print(String(format: "note: load average %.1f on %d cores: wall-clock figures are inflated; compare ratios within this run", load, cores))
        }
        let g = ConvolutionGeometry(channels: 64, height: 64, width: 64, kernel: 3, padding: 1)
        let images = g.imagesPerProduct(batch: batch)
        let m = 64, n = images * g.positions, k = g.patchSize
        let sgemm = sgemmTime(m: m, n: n, k: k)
        let sgemmFlops = 2.0 * Double(m * n * k)
        print(String(format: "sgemm %dx%dx%d, 1 thread: %.2f ms wall %.2f ms CPU, %.1f GFLOP/s wall, %.1f GFLOP/s CPU",
                     m, n, k, sgemm.wall * 1000, sgemm.cpu * 1000, sgemmFlops / sgemm.wall / 1e9, sgemmFlops / sgemm.cpu / 1e9))

        var rng = SeededGenerator(seed: 1)
        let layer = Conv2d("conv", inChannels: 64, outChannels: 64, kernel: 3, padding: 1, bias: false, rng: &rng)
        let input = Parameter("x", Initialiser.normal(mean: 0, std: 1).tensor([batch, 64, 64, 64], fanIn: 1, fanOut: 1, using: &rng))
        let flops = 2.0 * Double(64 * k * g.positions * batch)
        let forward = best { _ = layer(Variable(input)) }
        let output = layer(Variable(input))
        let seed = Tensor.filled(1e-3, output.shape)
        let backward = best { _ = output.backward(seed: seed) }
        print("conv2d 3x3 64→64, 64x64 maps, batch \(batch), 1 thread (share of the sgemm rate, by CPU and by wall time):")
        for (label, time, work) in [("forward", forward, flops), ("backward (input and weight)", backward, 2 * flops)] {
            print(label.padding(toLength: 28, withPad: " ", startingAt: 0)
                  + String(format: " %8.2f ms wall %8.2f ms CPU  %6.1f GFLOP/s CPU  %5.1f%% of sgemm (wall %5.1f%%)",
                           time.wall * 1000, time.cpu * 1000, work / time.cpu / 1e9,
                           100 * (work / time.cpu) / (sgemmFlops / sgemm.cpu), 100 * (work / time.wall) / (sgemmFlops / sgemm.wall)))
        }

        print("training step on \(cores) cores (speed-up against 1 thread, wall):")
        let convStep: (Range<Int>) -> Variable = { range in
            layer(Variable(input).slice(axis: 0, range)).squared().mean()
        }
        compare("conv step, batch \(batch)", batchSize: batch, cores: cores, convStep)
        let gan = Self.encoderDecoder(rng: &rng)
        let ganInput = Initialiser.normal(mean: 0, std: 0.5).tensor([ganBatch, 3, 64, 64], fanIn: 1, fanOut: 1, using: &rng)
        compare("DCGAN enc-dec step, batch \(ganBatch)", batchSize: ganBatch, cores: cores) { range in
            let x = Variable(ganInput).slice(axis: 0, range)
            return Loss.l1(gan(x), x)
        }
        print("default: \(Parallelism.default)")
        try ganomalyStep(cores: cores)
        print("peak memory: \(ResourceUsage.formatBytes(ResourceUsage.peakResidentBytes))")
    }

    /// GANomaly's real training step (generator and discriminator updates) on a
    /// synthetic batch at 64 px: on one thread, on OpenBLAS threads, and as
    /// `speck train --detector ganomaly` runs it (`Parallelism.default`).
    private func ganomalyStep(cores: Int) throws {
        let images = GANomalyTrainer.syntheticBatch(count: ganBatch)
        print("GANomaly training step (both networks, both updates), batch \(ganBatch) at 64 px:")
        // BLAS threads were the detector's way before it split batches.
        let modes: [(String, Parallelism)] = [("1 thread", .serial), ("BLAS \(cores) threads", .blasThreads(cores)),
                                              ("\(Parallelism.default)", .default)]
        var serial = 0.0
        for (name, mode) in modes {
            let trainer = GANomalyTrainer(parameters: GANomalyParameters(), parallelism: mode)
            let time = best { _ = try? trainer.step(images) }
            if mode == .serial { serial = time.wall }
            print("    " + name.padding(toLength: 28, withPad: " ", startingAt: 0)
                  + String(format: " %8.1f ms wall %8.1f ms CPU  %5.2fx  %5.1f images/s",
                           time.wall * 1000, time.cpu * 1000, serial / time.wall, Double(ganBatch) / time.wall))
        }
    }

    /// One training step's gradients under each parallelism, against one thread.
    private func compare(_ label: String, batchSize: Int, cores: Int, _ loss: (Range<Int>) -> Variable) {
        let modes: [(String, Parallelism)] = [("1 thread", .serial), ("BLAS \(cores) threads", .blasThreads(cores)),
                                              ("batch split \(cores) ways", .batchSplitting(shards: cores))]
        var serial = 0.0
        print("  " + label)
        for (name, mode) in modes {
            let time = best { _ = DataParallel.lossAndGradients(batchSize: batchSize, parallelism: mode, loss) }
            if mode == .serial { serial = time.wall }
            print("    " + name.padding(toLength: 24, withPad: " ", startingAt: 0)
                  + String(format: " %8.1f ms wall %8.1f ms CPU  %5.2fx", time.wall * 1000, time.cpu * 1000, serial / time.wall))
        }
    }

    /// The fastest of `rounds` runs (after one warm-up), wall and process CPU seconds.
    private func best(_ work: () -> Void) -> (wall: Double, cpu: Double) {
        work()
        var result = (wall: Double.infinity, cpu: Double.infinity)
        for _ in 0..<rounds {
            let watch = Stopwatch()
            work()
            result = (min(result.wall, watch.wallSeconds), min(result.cpu, watch.cpuSeconds))
        }
        return result
    }

    /// The time of one single-threaded sgemm C[m, n] = A[m, k] · B[k, n].
    private func sgemmTime(m: Int, n: Int, k: Int) -> (wall: Double, cpu: Double) {
        var rng = SeededGenerator(seed: 2)
        let a = (0..<(m * k)).map { _ in Float.random(in: -1...1, using: &rng) }
        let b = (0..<(k * n)).map { _ in Float.random(in: -1...1, using: &rng) }
        var c = [Float](repeating: 0, count: m * n)
        // OpenBLAS's idle worker threads can spin and bill the process while
        // this single-threaded product runs: count the calling thread's CPU only.
        var threadCPU = Double.infinity
        let time = best {
            let start = ResourceUsage.threadCPUSeconds()
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1,
                        a, Int32(k), b, Int32(n), 0, &c, Int32(n))
            threadCPU = min(threadCPU, ResourceUsage.threadCPUSeconds() - start)
        }
        return (time.wall, threadCPU)
    }

    /// A DCGAN-shaped generator (GANomaly's encoder and decoder, nz = 100) on 64x64 RGB.
    static func encoderDecoder(rng: inout SeededGenerator) -> (Variable) -> Variable {
        let dcgan = Initialiser.normal(mean: 0, std: 0.02)
        let e1 = Conv2d("e1", inChannels: 3, outChannels: 64, kernel: 4, stride: 2, padding: 1, bias: false, initialiser: dcgan, rng: &rng)
        let e2 = Conv2d("e2", inChannels: 64, outChannels: 128, kernel: 4, stride: 2, padding: 1, bias: false, initialiser: dcgan, rng: &rng)
        let e3 = Conv2d("e3", inChannels: 128, outChannels: 256, kernel: 4, stride: 2, padding: 1, bias: false, initialiser: dcgan, rng: &rng)
        let e4 = Conv2d("e4", inChannels: 256, outChannels: 100, kernel: 4, bias: false, initialiser: dcgan, rng: &rng)
        let d1 = ConvTranspose2d("d1", inChannels: 100, outChannels: 256, kernel: 4, bias: false, initialiser: dcgan, rng: &rng)
        let d2 = ConvTranspose2d("d2", inChannels: 256, outChannels: 128, kernel: 4, stride: 2, padding: 1, bias: false, initialiser: dcgan, rng: &rng)
        let d3 = ConvTranspose2d("d3", inChannels: 128, outChannels: 64, kernel: 4, stride: 2, padding: 1, bias: false, initialiser: dcgan, rng: &rng)
        let d4 = ConvTranspose2d("d4", inChannels: 64, outChannels: 3, kernel: 4, stride: 2, padding: 1, bias: false, initialiser: dcgan, rng: &rng)
        let norms = [("e2", 128), ("e3", 256), ("d1", 256), ("d2", 128), ("d3", 64)].map { BatchNorm($0.0 + ".bn", channels: $0.1) }
        return { x in
            var h = e1(x).leakyRelu()
            h = norms[0](e2(h), training: true).leakyRelu()
            h = norms[1](e3(h), training: true).leakyRelu()
            h = e4(h)
            h = norms[2](d1(h), training: true).relu()
            h = norms[3](d2(h), training: true).relu()
            h = norms[4](d3(h), training: true).relu()
            return d4(h).tanh()
        }
    }
}
