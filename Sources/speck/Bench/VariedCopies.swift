import Foundation
import SpeckImaging
import SpeckTensor

/// A training set of `count` images made from a few real ones, each copy
/// different: a random crop (70-100% of the side) resized back, a random
/// mirror, a random quarter turn and a little uniform noise (+-0.02). Copies
/// of one photograph then share no identical patches, so a coreset search
/// gets no free pruning from exact duplicates. Reproducible for a seed.
struct VariedCopies {
    let sources: [String]
    let count: Int
    let seed: UInt64

    func image(at index: Int) throws -> Image {
        let source = try ImageIO.decode(contentsOf: sources[index % sources.count])
        var rng = SeededGenerator(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
        let side = min(source.width, source.height)
        let crop = Int(Double(side) * Double.random(in: 0.7...1, using: &rng))
        let x = Int.random(in: 0...(source.width - crop), using: &rng)
        let y = Int.random(in: 0...(source.height - crop), using: &rng)
        var image = source.cropped(x: x, y: y, width: crop, height: crop).resized(width: side, height: side)
        if Bool.random(using: &rng) { image = image.mirrored() }
        image = image.rotated(quarterTurns: Int.random(in: 0..<4, using: &rng))
        for i in image.pixels.indices {
            image.pixels[i] = min(1, max(0, image.pixels[i] + Float.random(in: -0.02...0.02, using: &rng)))
        }
        return image
    }
}

private extension Image {
    /// Left-right mirror image.
    func mirrored() -> Image {
        var out = self
        for c in 0..<channels {
            for y in 0..<height {
                for x in 0..<width { out[c, y, x] = self[c, y, width - 1 - x] }
            }
        }
        return out
    }
}
