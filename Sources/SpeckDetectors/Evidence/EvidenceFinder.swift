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

    /// One test image, scored, with what finds the nearest stored patch of any spot:
    /// its patch features, or the nearest patches recorded when it was scored.
    public struct Prepared: Sendable {
        public let width: Int
        public let height: Int
        /// The map as the workstation shows it (over the whole image when tiled or padded).
        public let map: AnomalyMap
        public let score: Float
        /// The map cell with the highest value.
        let hottestCell: Int
        /// Per tile (one entry untiled): where it lies, and its features or its record.
        let parts: [Part]

        struct Part: Sendable {
            var frame: InputFrame
            var rect: TileLayout.Rect
            var gridWidth: Int
            var gridHeight: Int
            var lookup: Lookup
        }

        enum Lookup: Sendable {
            case features(PatchFeatures)
            case recorded(NearestPatchRecord.Part)
        }

        /// What `detector.score` gives for the image, bit for bit.
        public var result: AnomalyResult { AnomalyResult(score: score, map: map) }
        /// True when spots are looked up in a record, without a backbone pass.
        public var isRecorded: Bool {
            if case .recorded = parts.first?.lookup { return true }
            return false
        }
    }

    /// Scores `image` as `detector.score` does (each tile when tiled), keeping the patch features.
    public func prepare(_ image: Image) throws -> Prepared {
        var features: [PatchFeatures] = []
        let passOver = { (input: Image) throws -> AnomalyResult in
            let found = try explaining.patchFeatures(of: input)
            features.append(found)
            return found.result
        }
        let result = try (detector as? WholeImageDetector)?.score(image, scoringInputsWith: passOver) ?? passOver(image)
        guard let map = result.map else { throw EvidenceError.noMap }
        let rects = tiles(width: image.width, height: image.height)
        guard rects.count == features.count else { throw EvidenceError.noMap }
        let parts = zip(rects, features).map { rect, found in
            Prepared.Part(frame: frame(rect, width: image.width, height: image.height), rect: rect,
                          gridWidth: found.grid.width, gridHeight: found.grid.height, lookup: .features(found))
        }
        return Prepared(width: image.width, height: image.height, map: map, score: result.score,
                        hottestCell: Self.hottestCell(of: map), parts: parts)
    }

    /// Every cell's nearest stored patch, to keep beside the map (a bank search per tile, no backbone pass).
    public func record(of prepared: Prepared) throws -> NearestPatchRecord {
        let parts = try prepared.parts.map { part -> NearestPatchRecord.Part in
            switch part.lookup {
            case .recorded(let recorded): return recorded
            case .features(let features):
                let nearest = try explaining.nearestStoredPatches(to: features)
                return NearestPatchRecord.Part(gridWidth: part.gridWidth, gridHeight: part.gridHeight,
                                               indices: nearest.map { Int32($0.index) }, distances: nearest.map(\.distance))
            }
        }
        return NearestPatchRecord(imageWidth: prepared.width, imageHeight: prepared.height, score: prepared.score,
                                  mapWidth: prepared.map.width, mapHeight: prepared.map.height,
                                  hottestCell: prepared.hottestCell, parts: parts)
    }

    /// The image as it was scored, from its record and stored map: no backbone pass.
    /// Refuses a record that does not fit this model and image (another size, another tiling).
    public func prepared(from record: NearestPatchRecord, map: AnomalyMap, imageWidth: Int, imageHeight: Int) throws -> Prepared {
        let rects = tiles(width: imageWidth, height: imageHeight)
        guard record.imageWidth == imageWidth, record.imageHeight == imageHeight,
              record.mapWidth == map.width, record.mapHeight == map.height, map.values.indices.contains(record.hottestCell),
              record.parts.count == rects.count else {
            throw EvidenceError.recordDoesNotFit
        }
        let parts = zip(rects, record.parts).map { rect, part in
            Prepared.Part(frame: frame(rect, width: imageWidth, height: imageHeight), rect: rect,
                          gridWidth: part.gridWidth, gridHeight: part.gridHeight, lookup: .recorded(part))
        }
        return Prepared(width: imageWidth, height: imageHeight, map: map, score: record.score,
                        hottestCell: record.hottestCell, parts: parts)
    }

    /// The tiles the detector scores (the whole image untiled).
    func tiles(width: Int, height: Int) -> [TileLayout.Rect] {
        preprocessing.tiling?.layout(width: width, height: height).rects ?? [TileLayout.Rect(x: 0, y: 0, width: width, height: height)]
    }

    func frame(_ rect: TileLayout.Rect, width: Int, height: Int) -> InputFrame {
        InputFrame(preprocessing, imageWidth: width, imageHeight: height, tile: preprocessing.tiling == nil ? nil : rect)
    }

    static func hottestCell(of map: AnomalyMap) -> Int {
        var best = 0
        for i in map.values.indices where map.values[i] > map.values[best] { best = i }
        return best
    }

    /// The hottest spot of the map, in image pixels.
    public func hottestSpot(_ prepared: Prepared) -> (x: Int, y: Int) {
        let map = prepared.map
        return imagePoint(mapX: prepared.hottestCell % map.width, mapY: prepared.hottestCell / map.width, prepared)
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
        let cell = part.frame.cell(x: px, y: py, gridWidth: part.gridWidth, gridHeight: part.gridHeight)
        let match: StoredPatchMatch
        switch part.lookup {
        case .features(let features):
            match = try explaining.nearestStoredPatch(to: features, x: cell.x, y: cell.y)
        case .recorded(let recorded):
            let i = cell.y * part.gridWidth + cell.x
            match = StoredPatchMatch(source: try explaining.storedPatch(at: Int(recorded.indices[i])), distance: recorded.distances[i])
        }
        let map = prepared.map
        let (mx, my) = mapCell(x: px, y: py, prepared)
        let file = explaining.trainingOrigin?.file(ofSample: match.source.sample)
        return PatchEvidence(spotX: point.x, spotY: point.y, mapValue: map.values[my * map.width + mx], imageScore: prepared.score,
                             testBox: part.frame.box(cellX: cell.x, y: cell.y, gridWidth: part.gridWidth, gridHeight: part.gridHeight)
                                .clipped(to: prepared.width, prepared.height),
                             cellX: cell.x, cellY: cell.y, gridWidth: part.gridWidth, gridHeight: part.gridHeight, match: match,
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
    case recordDoesNotFit
    case outside(x: Int, y: Int, width: Int, height: Int)

    public var description: String {
        switch self {
        case .unsupported(let kind):
            return "\(kind) keeps no normal patches to compare with: evidence is shown for PatchCore and SPADE models"
        case .noTrace(let reason): return "no evidence: \(reason)"
        case .noMap: return "no evidence: this model gives no anomaly map"
        case .recordDoesNotFit: return "the nearest patches recorded at scoring do not fit this image and model"
        case .outside(let x, let y, let width, let height):
            return "spot \(x),\(y) is outside the \(width)x\(height) image"
        }
    }
}
