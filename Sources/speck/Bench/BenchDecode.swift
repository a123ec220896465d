import ArgumentParser
import Foundation
import SpeckImaging

/// `speck bench decode`: ms to decode a 900x900 PNG and JPEG with Speck (to planar float)
/// next to the bare libpng/libjpeg decode into 8-bit buffers. Both read from memory, so
/// disk speed does not enter; each figure is the median of many runs.
struct BenchDecode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Benchmark image decoding against bare libpng/libjpeg (ms/image).")

    @Option(help: "Side of the generated test image in pixels.")
    var size: Int = 900

    @Option(help: "Decodes per figure; the median is reported.")
    var runs: Int = 40

    @Option(help: "JPEG quality of the test image.")
    var quality: Int = 90

    func validate() throws {
        guard size >= 16, runs >= 3, (1...100).contains(quality) else {
            throw ValidationError("--size must be >= 16, --runs >= 3, --quality 1...100")
        }
    }

    func run() throws {
        let image = SampleSetGenerator().benchmarkImage(size: size)
        let png = try ImageIO.encodePNG(image)
        let jpeg = try ImageIO.encodeJPEG(image, quality: quality)
        print("\(size)x\(size) RGB test image (rendered plate, sensor noise); median of \(runs) decodes from memory")
        print("format   bytes      speck ms   bare library ms   ratio")
        for (name, bytes, library, bare) in [
            ("PNG", png, "libpng", { (b: UnsafeRawBufferPointer) in _ = LibraryBaseline.decodePNG(b) }),
            ("JPEG", jpeg, "libjpeg", { (b: UnsafeRawBufferPointer) in _ = LibraryBaseline.decodeJPEG(b) }),
        ] as [(String, [UInt8], String, (UnsafeRawBufferPointer) -> Void)] {
            let (ours, theirs) = try bytes.withUnsafeBytes { buffer in
                try medians(first: { _ = try ImageIO.decode(buffer, path: name) }, second: { bare(buffer) })
            }
            print(name.padding(toLength: 9, withPad: " ", startingAt: 0) + "\(bytes.count)".padding(toLength: 11, withPad: " ", startingAt: 0)
                  + String(format: "%8.2f   %8.2f (%@)  %6.2fx", ours * 1000, theirs * 1000, library as NSString, ours / theirs))
        }
        print("peak memory: \(ResourceUsage.formatBytes(ResourceUsage.peakResidentBytes))")
    }

    /// Median seconds of `runs` calls of each, after warm-up calls. The two alternate, so
    /// that a change in machine load affects both alike.
    private func medians(first: () throws -> Void, second: () -> Void) rethrows -> (Double, Double) {
        for _ in 0..<2 { try first(); second() }
        var firstTimes: [Double] = [], secondTimes: [Double] = []
        for _ in 0..<runs {
            var start = ResourceUsage.now()
            try first()
            firstTimes.append(ResourceUsage.now() - start)
            start = ResourceUsage.now()
            second()
            secondTimes.append(ResourceUsage.now() - start)
        }
        return (firstTimes.sorted()[runs / 2], secondTimes.sorted()[runs / 2])
    }
}
