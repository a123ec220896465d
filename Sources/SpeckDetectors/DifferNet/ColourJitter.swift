import SpeckImaging
import SpeckTensor

/// Random brightness, contrast and saturation changes (as torchvision's
/// ColorJitter, in a fixed order), DifferNet's training augmentation: each
/// factor is drawn from [1 − strength, 1 + strength].
struct ColourJitter: Sendable {
    let strength: Float

    func apply(to image: Image, using rng: inout SeededGenerator) -> Image {
        let brightness = factor(&rng), contrast = factor(&rng), saturation = factor(&rng)
        var out = image.asRGB()
        let plane = out.planeSize
        for i in out.pixels.indices { out.pixels[i] = clamp(out.pixels[i] * brightness) }
        // Contrast blends towards the mean grey level of the whole image.
        let grey = out.asGrey().pixels
        let mean = grey.reduce(0, +) / Float(max(plane, 1))
        for i in out.pixels.indices { out.pixels[i] = clamp(mean + (out.pixels[i] - mean) * contrast) }
        // Saturation blends each pixel towards its own grey level.
        let greyAfter = out.asGrey().pixels
        for c in 0..<3 {
            for p in 0..<plane {
                let i = c * plane + p
                out.pixels[i] = clamp(greyAfter[p] + (out.pixels[i] - greyAfter[p]) * saturation)
            }
        }
        return out
    }

    private func factor(_ rng: inout SeededGenerator) -> Float {
        Float.random(in: (1 - strength)...(1 + strength), using: &rng)
    }

    private func clamp(_ v: Float) -> Float { min(max(v, 0), 1) }
}
