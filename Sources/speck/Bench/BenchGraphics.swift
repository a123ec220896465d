import ArgumentParser
import Foundation
import SpeckImaging
import SpeckTUI

/// `speck bench graphics`: how long encoding one picture takes in each
/// terminal graphics format (the work done on the UI thread when the image
/// pane changes), wall and CPU time, best of several passes.
struct BenchGraphics: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graphics",
        abstract: "Benchmark encoding a picture for kitty, sixel and iTerm2 terminal graphics.")

    @Option(help: "An image to encode, resized to --size (default: the first test image of ../shared/datasets/mvtec-bottle, else a synthetic picture).")
    var image: String?

    @Option(help: "Picture side in pixels.")
    var size: Int = 1024

    @Option(help: "Passes per format; the fastest is reported.")
    var passes: Int = 5

    func run() throws {
        let (grid, source) = try picture()
        print("encoding a \(grid.width)x\(grid.height) picture (\(source)), best of \(passes) passes, one thread")
        let columns = grid.width / CellPixelSize.fallback.width, rows = grid.height / CellPixelSize.fallback.height
        measure("kitty ") { KittyEncoder.transmitAndPlace(grid, id: 1, columns: columns, rows: rows).count }
        measure("sixel ") { SixelEncoder.encode(grid).count }
        measure("iTerm2") { (try? ITermEncoder.place(grid, columns: columns, rows: rows).count) ?? 0 }
        print("peak memory: \(ResourceUsage.formatBytes(ResourceUsage.peakResidentBytes))")
    }

    func measure(_ name: String, _ encode: () -> Int) {
        var wall = Double.infinity, cpu = Double.infinity, bytes = 0
        for _ in 0..<max(1, passes) {
            let watch = Stopwatch()
            bytes = encode()
            wall = min(wall, watch.wallSeconds)
            cpu = min(cpu, watch.cpuSeconds)
        }
        print(String(format: "%@: %7.1f ms wall, %7.1f ms CPU per encode, %6.2f MB sent", name, wall * 1000, cpu * 1000,
                     Double(bytes) / 1_000_000))
    }

    func picture() throws -> (PixelGrid, String) {
        let fallback = "../shared/datasets/mvtec-bottle/test/broken_large/000.png"
        let path = image ?? (FileManager.default.fileExists(atPath: fallback) ? fallback : nil)
        var grid = PixelGrid(width: size, height: size)
        guard let path else {
            // Smooth gradients with some noise: neither trivially compressible nor random.
            for y in 0..<size {
                for x in 0..<size {
                    let noise = UInt8(truncatingIfNeeded: (x &* 73 &+ y &* 151) ^ (x &* y)) & 15
                    grid[x, y] = RGB(UInt8(x * 255 / size) &+ noise, UInt8(y * 255 / size), UInt8((x + y) * 127 / size))
                }
            }
            return (grid, "synthetic")
        }
        let decoded = try ImageIO.decode(contentsOf: path).asRGB().resized(width: size, height: size)
        let plane = size * size
        for i in 0..<plane {
            grid.pixels[i] = RGB(unit: decoded.pixels[i], decoded.pixels[plane + i], decoded.pixels[2 * plane + i])
        }
        return (grid, path)
    }
}
