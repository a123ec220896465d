import SpeckDetectors
import SpeckImaging

/// Writes an anomaly map as a PNG at the image's own resolution, coloured
/// with the theme's heat map (heat normalised as on screen). Where the
/// detector did not look (outside a centre crop) the image shows, darkened.
struct HeatmapExport {
    let colourMap: ColorMap
    let calibration: ScoreCalibration?

    func write(map placed: PlacedMap, over image: Image, to path: String) throws {
        let values = placed.placement(imageWidth: image.width, imageHeight: image.height)
            .values(of: placed.map, width: image.width, height: image.height)
        let rgb = image.asRGB()
        let plane = image.width * image.height
        var out = Image(width: image.width, height: image.height, channels: 3)
        let seen = values.filter { !$0.isNaN }
        let low = seen.min() ?? 0, high = seen.max() ?? 1
        for i in 0..<plane {
            let raw = values[i]
            guard !raw.isNaN else {
                for c in 0..<3 { out.pixels[c * plane + i] = rgb.pixels[c * plane + i] * Self.unseenBrightness }
                continue
            }
            let heat = calibration?.normalisedPixel(raw) ?? (high > low ? (raw - low) / (high - low) : 0)
            let colour = colourMap.colour(at: heat)
            out.pixels[i] = Float(colour.r) / 255
            out.pixels[plane + i] = Float(colour.g) / 255
            out.pixels[2 * plane + i] = Float(colour.b) / 255
        }
        try ImageIO.writePNG(out, to: path)
    }

    /// How bright the image stays where the detector did not look.
    static let unseenBrightness: Float = 0.4
}
