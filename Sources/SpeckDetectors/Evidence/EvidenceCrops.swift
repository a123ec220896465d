import Foundation
import SpeckImaging

/// The two pictures evidence is judged by: the test image around the spot and
/// the training image around the stored patch, the same multiple of the patch
/// wide, the training crop resized to the test crop's size so both show at one scale.
public struct EvidenceCrops: Sendable {
    public var test: Image
    public var testBox: PixelBox
    /// nil when the training image cannot be shown; `problem` says why.
    public var training: Image?
    public var trainingBox: PixelBox?
    public var problem: String?

    /// How many patches wide the crops are: at least five, and a quarter of the test image's
    /// shorter side, so that the spot is seen in its surroundings.
    public static func context(_ evidence: PatchEvidence, imageWidth: Int, imageHeight: Int) -> Double {
        let patch = Double(max(evidence.testBox.width, evidence.testBox.height))
        return max(5, Double(min(imageWidth, imageHeight)) / 4 / patch)
    }

    /// Reads the training image from disk now (call off the UI thread).
    public static func make(_ evidence: PatchEvidence, test image: Image, finder: EvidenceFinder,
                            decode: (String) throws -> Image = { try ImageIO.decode(contentsOf: $0) }) -> EvidenceCrops {
        let context = Self.context(evidence, imageWidth: image.width, imageHeight: image.height)
        let testBox = evidence.testBox.widened(by: context, within: image.width, image.height)
        let test = image.cropped(x: testBox.x, y: testBox.y, width: testBox.width, height: testBox.height).asRGB()
            .outlining(evidence.testBox, in: testBox)
        guard let file = evidence.trainingFile else {
            return EvidenceCrops(test: test, testBox: testBox, problem: "the model was fitted from images in memory: no training file to show")
        }
        let training: Image
        do {
            guard FileManager.default.fileExists(atPath: file.path) else {
                return EvidenceCrops(test: test, testBox: testBox,
                                     problem: "training image \(file.path) is no longer there (moved or deleted since the fit)")
            }
            training = try decode(file.path)
        } catch {
            return EvidenceCrops(test: test, testBox: testBox, problem: "training image \(file.path) cannot be read: \(error)")
        }
        let patch = finder.trainingBox(evidence, imageWidth: training.width, imageHeight: training.height)
        let box = patch.widened(by: context, within: training.width, training.height)
        var crop = training.cropped(x: box.x, y: box.y, width: box.width, height: box.height).asRGB()
        if crop.width != test.width || crop.height != test.height { crop = crop.resized(width: test.width, height: test.height) }
        crop = crop.outlining(patch, in: box)
        return EvidenceCrops(test: test, testBox: testBox, training: crop, trainingBox: patch)
    }

    /// Test crop and training crop side by side with a gap, for `speck explain --out`.
    public var sideBySide: Image? {
        guard let training else { return nil }
        let gap = max(2, test.width / 16)
        let a = test.asRGB(), b = training.asRGB()
        var out = Image(width: a.width * 2 + gap, height: a.height, channels: 3, fill: 1)
        for c in 0..<3 {
            for y in 0..<a.height {
                for x in 0..<a.width {
                    out.pixels[c * out.planeSize + y * out.width + x] = a.pixels[c * a.planeSize + y * a.width + x]
                    out.pixels[c * out.planeSize + y * out.width + a.width + gap + x] = b.pixels[c * b.planeSize + y * b.width + x]
                }
            }
        }
        return out
    }
}

extension Image {
    /// This crop (of `crop` in its image) with a one-pixel amber frame around `patch`, so the eye finds the patch.
    func outlining(_ patch: PixelBox, in crop: PixelBox) -> Image {
        var out = self
        let sx = Double(width) / Double(crop.width), sy = Double(height) / Double(crop.height)
        let left = max(0, min(width - 1, Int((Double(patch.x - crop.x) * sx).rounded(.down)) - 1))
        let top = max(0, min(height - 1, Int((Double(patch.y - crop.y) * sy).rounded(.down)) - 1))
        let right = max(left, min(width - 1, Int((Double(patch.x + patch.width - crop.x) * sx).rounded(.up))))
        let bottom = max(top, min(height - 1, Int((Double(patch.y + patch.height - crop.y) * sy).rounded(.up))))
        let amber: [Float] = [1, 0.75, 0]
        func paint(_ x: Int, _ y: Int) {
            for c in 0..<3 { out.pixels[c * planeSize + y * width + x] = amber[c] }
        }
        for x in left...right { paint(x, top); paint(x, bottom) }
        for y in top...bottom { paint(left, y); paint(right, y) }
        return out
    }
}
