import Foundation
import SpeckImaging

/// Finds evidence for spots of a test image with a fitted detector that keeps
/// stored normal patches, undoing the preprocessing (resize, crop, padding,
/// tiles) to give positions in the original images' pixels.
public struct EvidenceFinder: Sendable {
    public let detector: any Detector
    let explaining: any NearestPatchExplaining
    var preprocessing: Preprocessing { detector.configuration.preprocessing }

    /// Refuses detectors that keep no normal patches, and models whose file holds no trace, saying why.
    public init(detector: any Detector) throws {
        let inner = (detector as? WholeImageDetector)?.inner ?? detector
        guard let explaining = inner as? any NearestPatchExplaining else {
            throw EvidenceError.unsupported(detector.configuration.detector)
        }
        if let reason = explaining.traceUnavailableReason { throw EvidenceError.noTrace(reason) }
        self.detector = detector
        self.explaining = explaining
    }

    /// One test image, scored, with its patch features kept for any number of spots.
    public struct Prepared: Sendable {
        public let width: Int
        public let height: Int
        /// The map as the workstation shows it (over the whole image when tiled or padded).
        public let map: AnomalyMap
        public let score: Float
        /// Per tile (one entry untiled): where it lies and its features.
        let parts: [(frame: InputFrame, features: PatchFeatures, rect: TileLayout.Rect)]
    }

    /// Runs the backbone over `image` (each tile when tiled).
    public func prepare(_ image: Image) throws -> Prepared {
        if let tiling = preprocessing.tiling {
            let whole = try detector.score(image)
            guard let map = whole.map else { throw EvidenceError.noMap }
            let parts = try tiling.layout(width: image.width, height: image.height).rects.map { rect in
                let tile = image.cropped(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
                return (frame: InputFrame(preprocessing, imageWidth: image.width, imageHeight: image.height, tile: rect),
                        features: try explaining.patchFeatures(of: tile), rect: rect)
            }
            return Prepared(width: image.width, height: image.height, map: map, score: whole.score, parts: parts)
        }
        let features = try explaining.patchFeatures(of: image)
        guard var map = features.result.map else { throw EvidenceError.noMap }
        if preprocessing.fit == .pad {
            // As `WholeImageDetector`: the padding is trimmed off the map.
            map = map.cropped(to: preprocessing.padContent(width: image.width, height: image.height))
        }
        let whole = TileLayout.Rect(x: 0, y: 0, width: image.width, height: image.height)
        return Prepared(width: image.width, height: image.height, map: map, score: features.result.score,
                        parts: [(frame: InputFrame(preprocessing, imageWidth: image.width, imageHeight: image.height),
                                 features: features, rect: whole)])
    }

    /// The hottest spot of the map, in image pixels.
    public func hottestSpot(_ prepared: Prepared) -> (x: Int, y: Int) {
        let values = prepared.map.values
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return imagePoint(mapX: best % prepared.map.width, mapY: best / prepared.map.width, prepared)
    }

    /// Evidence for the spot at image pixel (`x`, `y`); the hottest spot when nil.
    public func evidence(_ prepared: Prepared, at spot: (x: Int, y: Int)? = nil) throws -> PatchEvidence {
        let point = spot ?? hottestSpot(prepared)
        guard (0..<prepared.width).contains(point.x), (0..<prepared.height).contains(point.y) else {
            throw EvidenceError.outside(x: point.x, y: point.y, width: prepared.width, height: prepared.height)
        }
        let px = Double(point.x) + 0.5, py = Double(point.y) + 0.5
        // The tile whose centre is nearest the spot: there the spot is farthest from a tile edge.
        let part = prepared.parts.min { a, b in
            Self.squaredDistance(px, py, to: a.rect) < Self.squaredDistance(px, py, to: b.rect)
        }!
        let grid = part.features.grid
        let cell = part.frame.cell(x: px, y: py, gridWidth: grid.width, gridHeight: grid.height)
        let match = try explaining.nearestStoredPatch(to: part.features, x: cell.x, y: cell.y)
        let map = prepared.map
        let (mx, my) = mapCell(x: px, y: py, prepared)
        let file = explaining.trainingOrigin?.file(ofSample: match.source.sample)
        return PatchEvidence(spotX: point.x, spotY: point.y, mapValue: map.values[my * map.width + mx], imageScore: prepared.score,
                             testBox: part.frame.box(cellX: cell.x, y: cell.y, gridWidth: grid.width, gridHeight: grid.height)
                                .clipped(to: prepared.width, prepared.height),
                             cellX: cell.x, cellY: cell.y, gridWidth: grid.width, gridHeight: grid.height, match: match,
                             trainingFile: file.map { PatchEvidence.TrainingFile(index: $0.index, path: $0.path, tile: $0.tile) })
    }

    /// The stored patch's pixels in its training image, once that image's size is known.
    public func trainingBox(_ evidence: PatchEvidence, imageWidth: Int, imageHeight: Int) -> PixelBox {
        let source = evidence.match.source
        var tile: TileLayout.Rect?
        if let tiling = preprocessing.tiling {
            let rects = tiling.layout(width: imageWidth, height: imageHeight).rects
            tile = rects[min(evidence.trainingFile?.tile ?? 0, rects.count - 1)]
        }
        return InputFrame(preprocessing, imageWidth: imageWidth, imageHeight: imageHeight, tile: tile)
            .box(cellX: source.x, y: source.y, gridWidth: source.gridWidth, gridHeight: source.gridHeight)
            .clipped(to: imageWidth, imageHeight)
    }

    /// A map cell's centre in image pixels (the map covers the input, or the whole image when tiled or padded).
    func imagePoint(mapX: Int, mapY: Int, _ prepared: Prepared) -> (x: Int, y: Int) {
        let map = prepared.map
        let fx = (Double(mapX) + 0.5) / Double(map.width), fy = (Double(mapY) + 0.5) / Double(map.height)
        if preprocessing.mapCoversWholeImage {
            return (min(prepared.width - 1, Int(fx * Double(prepared.width))), min(prepared.height - 1, Int(fy * Double(prepared.height))))
        }
        let frame = prepared.parts[0].frame
        let at = frame.original(x: fx * Double(frame.inputWidth), y: fy * Double(frame.inputHeight))
        return (min(prepared.width - 1, max(0, Int(at.x))), min(prepared.height - 1, max(0, Int(at.y))))
    }

    /// The map cell under an image point (clamped: a crop leaves the image's border off the map).
    func mapCell(x: Double, y: Double, _ prepared: Prepared) -> (x: Int, y: Int) {
        let map = prepared.map
        var fx = x / Double(prepared.width), fy = y / Double(prepared.height)
        if !preprocessing.mapCoversWholeImage {
            let frame = prepared.parts[0].frame
            let at = frame.input(x: x, y: y)
            fx = at.x / Double(frame.inputWidth)
            fy = at.y / Double(frame.inputHeight)
        }
        return (min(map.width - 1, max(0, Int((fx * Double(map.width)).rounded(.down)))),
                min(map.height - 1, max(0, Int((fy * Double(map.height)).rounded(.down)))))
    }

    static func squaredDistance(_ x: Double, _ y: Double, to rect: TileLayout.Rect) -> Double {
        let dx = x - (Double(rect.x) + Double(rect.width) / 2), dy = y - (Double(rect.y) + Double(rect.height) / 2)
        return dx * dx + dy * dy
    }
}

public enum EvidenceError: Error, CustomStringConvertible, Equatable {
    case unsupported(String)
    case noTrace(String)
    case noMap
    case outside(x: Int, y: Int, width: Int, height: Int)

    public var description: String {
        switch self {
        case .unsupported(let kind):
            return "\(kind) keeps no normal patches to compare with: evidence is shown for PatchCore and SPADE models"
        case .noTrace(let reason): return "no evidence: \(reason)"
        case .noMap: return "no evidence: this model gives no anomaly map"
        case .outside(let x, let y, let width, let height):
            return "spot \(x),\(y) is outside the \(width)x\(height) image"
        }
    }
}
