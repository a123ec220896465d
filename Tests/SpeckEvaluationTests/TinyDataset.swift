import SpeckTensor
import Foundation
import SpeckDetectors
import SpeckImaging

/// A tiny MVTec-style dataset written to a temporary folder: flat grey
/// plates with noise, defects are bright squares with masks, plus one file
/// that is not an image.
struct TinyDataset {
    let root: String

    init(trainCount: Int = 6) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("speck-tiny-\(UUID().uuidString)").path
        for i in 0 ..< trainCount { try write(Self.plain(seed: UInt64(i)), "train/good/\(i).png") }
        for i in 0 ..< 3 { try write(Self.plain(seed: UInt64(100 + i)), "test/good/\(i).png") }
        for i in 0 ..< 3 {
            var image = Self.plain(seed: UInt64(200 + i))
            var mask = Image(width: 32, height: 32, channels: 1)
            for y in 10 ..< 16 { for x in 10 ..< 16 { mask[0, y, x] = 1; for c in 0 ..< 3 { image[c, y, x] = 1 } } }
            try write(image, "test/spot/\(i).png")
            try write(mask, "ground_truth/spot/\(i)_mask.png")
        }
        try FileManager.default.createDirectory(atPath: root + "/train/good", withIntermediateDirectories: true)
        try Data("not a png".utf8).write(to: URL(fileURLWithPath: root + "/train/good/broken.png"))
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    private func write(_ image: Image, _ relative: String) throws {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try ImageIO.writePNG(image, to: path)
    }

    static func plain(seed: UInt64) -> Image {
        var generator = SeededGenerator(seed: seed)
        return Image(width: 32, height: 32, channels: 3,
                     pixels: (0 ..< 32 * 32 * 3).map { _ in 0.5 + Float.random(in: -0.02 ... 0.02, using: &generator) })
    }
}
