import SpeckDetectors
import SpeckImaging
import SpeckTUI

/// Paints an anomaly map as a colour map (inferno: black → yellow) added to a
/// dimmed copy of the whole original image (aspect kept, at the map's own
/// resolution), with the ground-truth mask's outline in white. Outside a
/// centre crop, where the detector did not look, the image shows dimmed.
struct HeatmapPainter {
    var colourMap = ColorMap.named("inferno")!
    var dimming: Float = 0.35
    var opacity: Float = 0.65

    func paint(original: Image, map placed: PlacedMap, calibration: ScoreCalibration?, mask: Image?) -> Image {
        let placement = placed.placement(imageWidth: original.width, imageHeight: original.height)
        let (width, height) = placement.wholeImageGrid(map: placed.map, imageWidth: original.width, imageHeight: original.height)
        let image = original.asRGB().resized(width: width, height: height)
        let values = placement.values(of: placed.map, width: width, height: height)
        let plane = width * height
        let low = placed.map.values.min() ?? 0, high = placed.map.values.max() ?? 1
        // Heat 0.5 at the pixel threshold, 0 at zero, 1 from twice the threshold on,
        // so normal areas stay dark and only what crosses the threshold glows.
        let threshold = calibration.map { $0.pixelThreshold ?? $0.threshold } ?? 0
        var out = Image(width: width, height: height, channels: 3)
        for i in 0 ..< plane {
            let raw = values[i]
            guard !raw.isNaN else {
                for c in 0 ..< 3 { out.pixels[c * plane + i] = dimming * image.pixels[c * plane + i] }
                continue
            }
            let heat = threshold > 0 ? min(1, max(0, 0.5 * raw / threshold))
                : (high > low ? (raw - low) / (high - low) : 0)
            let colour = colourMap.colour(at: heat)
            let rgb = [Float(colour.r), Float(colour.g), Float(colour.b)]
            for c in 0 ..< 3 {
                out.pixels[c * plane + i] = dimming * image.pixels[c * plane + i] + opacity * rgb[c] / 255
            }
        }
        if let mask {
            let grey = mask.channels == 1 ? mask : mask.asGrey()
            drawOutline(of: grey.resizedNearest(width: width, height: height).pixels.map { $0 > 0.5 }, on: &out)
        }
        return out
    }

    /// Mask pixels with a 4-neighbour outside the mask turn white.
    private func drawOutline(of mask: [Bool], on image: inout Image) {
        let w = image.width, h = image.height, plane = w * h
        for y in 0 ..< h {
            for x in 0 ..< w where mask[y * w + x] {
                let edge = x == 0 || y == 0 || x == w - 1 || y == h - 1
                    || !mask[y * w + x - 1] || !mask[y * w + x + 1] || !mask[(y - 1) * w + x] || !mask[(y + 1) * w + x]
                if edge { for c in 0 ..< 3 { image.pixels[c * plane + y * w + x] = 1 } }
            }
        }
    }
}
