import SpeckImaging
import SpeckTensor
import SpeckDetectors

/// Grey plates with a little seeded noise, `spot` painting a red square:
/// stand-ins for product photos, so that tests of fitting mechanics (seeds,
/// model files, cancellation) run in a clone without the licensed images.
enum SyntheticPlate {
    static func image(seed: UInt64, side: Int = 64, spot: Bool = false) -> Image {
        var rng = SeededGenerator(seed: seed)
        var image = Image(width: side, height: side, channels: 3,
                          pixels: (0..<(side * side * 3)).map { _ in 0.4 + Float.random(in: -0.05...0.05, using: &rng) })
        if spot {
            for c in 0..<3 { for y in (side * 5 / 16)..<(side * 9 / 16) { for x in (side * 5 / 16)..<(side * 9 / 16) { image[c, y, x] = c == 0 ? 1 : 0 } } }
        }
        return image
    }

    static func training(count: Int, side: Int = 64) -> TrainingImages {
        TrainingImages((0..<count).map { image(seed: UInt64($0), side: side) })
    }
}
