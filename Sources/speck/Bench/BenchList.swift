import ArgumentParser
import Foundation
import SpeckImaging

/// `speck bench list`: time to discover a dataset of many image files (generated in a
/// temporary folder in the MVTec layout, with masks), the best of several rounds.
struct BenchList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Benchmark dataset discovery on a generated folder of image files.")

    @Option(help: "Image files to generate.")
    var files: Int = 10_000

    @Option(help: "Rounds; the best and the median are reported.")
    var rounds: Int = 5

    func validate() throws {
        guard files >= 1, rounds >= 1 else { throw ValidationError("--files and --rounds must be >= 1") }
    }

    func run() throws {
        let root = NSTemporaryDirectory() + "speck-bench-list-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let created = try makeFiles(under: root)
        var times: [Double] = []
        var found = 0
        for _ in 0..<rounds {
            let start = ResourceUsage.now()
            let dataset = try Dataset.discover(at: root)
            times.append(ResourceUsage.now() - start)
            found = dataset.samples.count
        }
        times.sort()
        print("\(created) files (\(files) images + masks) in \(root)")
        print(String(format: "listed %d images: best %.1f ms, median %.1f ms (%.0f images/s)",
                     found, times[0] * 1000, times[times.count / 2] * 1000, Double(found) / times[times.count / 2]))
        print("peak memory: \(ResourceUsage.formatBytes(ResourceUsage.peakResidentBytes))")
    }

    /// 80% train/good, 10% test/good, 10% test/<kind> each with a mask; tiny contents
    /// (listing never opens the files).
    private func makeFiles(under root: String) throws -> Int {
        let kinds = ["scratch", "stain", "dent"]
        let marker = Data([0x89, 0x50, 0x4E, 0x47])
        var created = 0
        for folder in ["train/good", "test/good"] + kinds.flatMap({ ["test/\($0)", "ground_truth/\($0)"] }) {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for i in 0..<files {
            let name = String(format: "%05d", i)
            let folder: String
            switch i % 10 {
            case 0..<8: folder = "train/good"
            case 8: folder = "test/good"
            default:
                let kind = kinds[(i / 10) % kinds.count]
                folder = "test/\(kind)"
                FileManager.default.createFile(atPath: "\(root)/ground_truth/\(kind)/\(name)_mask.png", contents: marker)
                created += 1
            }
            FileManager.default.createFile(atPath: "\(root)/\(folder)/\(name).png", contents: marker)
            created += 1
        }
        return created
    }
}
