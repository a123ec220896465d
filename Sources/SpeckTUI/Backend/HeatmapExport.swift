import SpeckDetectors
import SpeckImaging

/// Writes an anomaly map as a PNG at the image's own resolution, coloured
/// with the theme's heat map (heat normalised as on screen).
struct HeatmapExport {
    let colourMap: ColorMap
    let calibration: ScoreCalibration?

    func write(map: AnomalyMap, over image: Image, to path: String) throws {
        let resized = Image(width: map.width, height: map.height, channels: 1, pixels: map.values)
            .resized(width: image.width, height: image.height)
        let plane = image.width * image.height
        var out = Image(width: image.width, height: image.height, channels: 3)
        let low = resized.pixels.min() ?? 0, high = resized.pixels.max() ?? 1
        for i in 0..<plane {
            let raw = resized.pixels[i]
            let heat = calibration?.normalisedPixel(raw) ?? (high > low ? (raw - low) / (high - low) : 0)
            let colour = colourMap.colour(at: heat)
            out.pixels[i] = Float(colour.r) / 255
            out.pixels[plane + i] = Float(colour.g) / 255
            out.pixels[2 * plane + i] = Float(colour.b) / 255
        }
        try ImageIO.writePNG(out, to: path)
    }
}
