import SpeckDetectors
import SpeckImaging

/// One image prepared for the image pane at the pane's pixel resolution:
/// colours, heat (normalised, threshold at 0.5), the raw map values, and the
/// ground-truth mask. Making it is the slow part (resampling a full image),
/// so it happens on a background queue and is cached; composing a view
/// mode from it is cheap and happens per frame.
public struct PaneLayers: Sendable {
    public let width: Int
    public let height: Int
    /// The decoded image's own size (the zoomed view shows image-pixel coordinates).
    public let sourceWidth: Int
    public let sourceHeight: Int
    /// Interleaved RGB in [0, 1].
    public let colours: [Float]
    /// Raw anomaly-map values resampled to the grid, if a map exists; NaN
    /// where the detector did not look (outside a centre crop).
    public let rawMap: [Float]?
    /// Heat in [0, 1] with the threshold at 0.5 (from the model's calibration); NaN as `rawMap`.
    public let heat: [Float]?
    public let truthMask: [Bool]?

    public init(image: Image, map: PlacedMap?, mask: Image?, width: Int, height: Int,
                normalise: (Float) -> Float) {
        self.width = width
        self.height = height
        sourceWidth = image.width
        sourceHeight = image.height
        let small = image.resized(width: width, height: height)
        let plane = width * height
        var colours = [Float](repeating: 0, count: plane * 3)
        for i in 0..<plane {
            for c in 0..<3 {
                colours[i * 3 + c] = small.pixels[min(c, small.channels - 1) * plane + i]
            }
        }
        self.colours = colours
        if let map {
            let placed = map.placement(imageWidth: image.width, imageHeight: image.height)
                .values(of: map.map, width: width, height: height)
            rawMap = placed
            heat = placed.map { $0.isNaN ? .nan : normalise($0) }
        } else {
            rawMap = nil
            heat = nil
        }
        truthMask = mask.map { $0.resizedNearest(width: width, height: height).pixels.prefix(plane).map { $0 > 0.5 } }
    }

    init(width: Int, height: Int, sourceWidth: Int, sourceHeight: Int, colours: [Float], rawMap: [Float]?,
         heat: [Float]?, truthMask: [Bool]?) {
        self.width = width
        self.height = height
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.colours = colours
        self.rawMap = rawMap
        self.heat = heat
        self.truthMask = truthMask
    }
}
