import SpeckImaging

/// Runs a detector so that its map covers the whole original image: a large
/// image is cut into tiles (`Preprocessing.tiling`), each tile scored by the
/// wrapped detector and the tile maps stitched back; with `--fit pad` the
/// padding is trimmed off the map. The model is the wrapped detector's: one
/// model for all tiles.
public final class WholeImageDetector: Detector, @unchecked Sendable {
    public static let kind = "whole-image"

    public let inner: any Detector
    public var configuration: DetectorConfiguration { inner.configuration }

    /// `detector` itself when its preprocessing needs neither tiles nor trimming.
    public static func wrapping(_ detector: any Detector) -> any Detector {
        detector.configuration.preprocessing.mapCoversWholeImage ? WholeImageDetector(detector) : detector
    }

    private init(_ inner: any Detector) { self.inner = inner }

    public func fit(_ images: TrainingImages, context: FitContext) throws {
        guard let tiling = configuration.preprocessing.tiling else { return try inner.fit(images, context: context) }
        try inner.fit(try TileTrainingImages.make(images, tiling: tiling), context: context)
    }

    public func score(_ image: Image) throws -> AnomalyResult { try score(image, scoringInputsWith: inner.score) }

    /// `score`, with each tile (or the image) scored by `scoreInput`, which must compute what
    /// `inner.score` does: evidence keeps the patch features it scores from.
    func score(_ image: Image, scoringInputsWith scoreInput: (Image) throws -> AnomalyResult) throws -> AnomalyResult {
        let preprocessing = configuration.preprocessing
        if let tiling = preprocessing.tiling { return try scoreTiles(of: image, tiling: tiling, scoreTile: scoreInput) }
        let result = try scoreInput(image)
        guard let map = result.map else { return result }
        let content = preprocessing.padContent(width: image.width, height: image.height)
        return AnomalyResult(score: result.score, map: map.cropped(to: content))
    }

    /// Every tile scored on its own, the maps stitched on a grid scaled like
    /// the tiles (`resize / tile`); the image score is the stitched map's
    /// maximum (the largest tile score for a detector without maps).
    private func scoreTiles(of image: Image, tiling: Tiling, scoreTile: (Image) throws -> AnomalyResult) throws -> AnomalyResult {
        let layout = tiling.layout(width: image.width, height: image.height)
        let side = configuration.preprocessing.outputSide
        let scaleX = Double(side) / Double(layout.tileWidth), scaleY = Double(side) / Double(layout.tileHeight)
        let mapWidth = max(side, Int((Double(image.width) * scaleX).rounded()))
        let mapHeight = max(side, Int((Double(image.height) * scaleY).rounded()))
        var stitcher = MapStitcher(width: mapWidth, height: mapHeight)
        var largestScore = -Float.infinity
        var everyTileHasMap = true
        for rect in layout.rects {
            let result = try scoreTile(image.cropped(x: rect.x, y: rect.y, width: rect.width, height: rect.height))
            largestScore = max(largestScore, result.score)
            guard let map = result.map, map.width == side, map.height == side else {
                everyTileHasMap = false
                continue
            }
            let placed = TileLayout.Rect(x: min(Int((Double(rect.x) * scaleX).rounded()), mapWidth - side),
                                         y: min(Int((Double(rect.y) * scaleY).rounded()), mapHeight - side),
                                         width: side, height: side)
            stitcher.add(map.values, at: placed, ramp: Int((Double(tiling.overlap) * min(scaleX, scaleY)).rounded()))
        }
        guard everyTileHasMap else { return AnomalyResult(score: largestScore, map: nil) }
        let values = stitcher.finish()
        return AnomalyResult(score: values.max() ?? largestScore,
                             map: AnomalyMap(width: mapWidth, height: mapHeight, values: values))
    }

    public func exportState() throws -> DetectorState { try inner.exportState() }

    public static func restore(configuration: DetectorConfiguration, state: DetectorState,
                               resources: DetectorResources) throws -> WholeImageDetector {
        let entry = try DetectorRegistry.standard.entry(for: configuration.detector)
        return WholeImageDetector(try entry.restore(configuration, state, resources))
    }
}
