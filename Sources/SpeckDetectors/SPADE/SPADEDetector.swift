import Foundation
import SpeckBackbones
import SpeckImaging
import SpeckTensor

/// SPADE (Cohen & Hoshen, 2020): find the K training images nearest to the test
/// image by globally pooled deep features (their mean distance is the image
/// score), then score every test position by its distance to the nearest
/// position of those K images' feature pyramids.
public final class SPADEDetector: Detector, @unchecked Sendable {
    public static let kind = "spade"

    public let configuration: DetectorConfiguration
    public let parameters: SPADEParameters
    private let features: BackboneFeatures
    private let pyramidTapCount: Int
    private let embedding = PatchEmbedding(localAverage: false, upsampling: .bilinear)
    private let finishing: MapFinishing
    let lock = NSLock()
    var gallery: Gallery?

    /// The fitted state: one pooled vector and one patch matrix per training image.
    struct Gallery {
        var pooled: NearestNeighbourSearch
        var pyramids: [PatchMatrix]
        var height: Int
        var width: Int
        /// Per pyramid, the training sample it came from (nil: a model file without traces).
        var samples: [Int]?
        var origin: TrainingOrigin?
    }

    public init(configuration: DetectorConfiguration, resources: DetectorResources) throws {
        let parameters = try SPADEParameters(configuration.parameters)
        var configuration = configuration
        let backbone = try BackboneFeatures.loadBackbone(for: &configuration, resources: resources)
        let pyramid = try BackboneFeatures.taps(from: parameters.taps, backbone: backbone, detector: Self.kind)
        let imageTaps = try parameters.imageTap.map {
            try BackboneFeatures.taps(from: $0, backbone: backbone, detector: Self.kind, key: "image_tap")
        }
        if let imageTaps, imageTaps.count != 1 {
            throw DetectorError.invalidParameter("spade image_tap=\(parameters.imageTap!): one tap expected")
        }
        let imageTap = imageTaps?.first ?? Self.deepestTap(of: backbone)
        // The model file records every value used, defaults and resolved taps included.
        configuration.parameters = parameters.recorded.merging(
            ["taps": pyramid.joined(separator: ","), "image_tap": imageTap]) { $1 }
        self.configuration = configuration
        self.parameters = parameters
        self.pyramidTapCount = pyramid.count
        self.features = BackboneFeatures(backbone: backbone, taps: pyramid + [imageTap],
                                         preprocessing: configuration.preprocessing)
        self.finishing = MapFinishing(sigma: parameters.blurSigma)
    }

    /// The final stage of the known backbones (SPADE pools the network's last
    /// features), else the deepest default tap.
    static func deepestTap(of backbone: any Backbone) -> String {
        for candidate in ["blocks.6", "layer4"] where (try? backbone.tapShape(candidate)) != nil { return candidate }
        return backbone.defaultTaps.last ?? "blocks.6"
    }

    /// Pixel-level patches and the pooled image-level vector of one image.
    private func describe(_ image: Image) throws -> (PatchEmbedding.Grid, [Float]) {
        let maps = try features.maps(of: image)
        let grid = embedding.combine(Array(maps[0..<pyramidTapCount]))
        let deep = maps[pyramidTapCount]
        let channels = deep.shape[0], plane = deep.count / max(channels, 1)
        let pooled = (0..<channels).map { c in
            deep.data[(c * plane)..<((c + 1) * plane)].reduce(0, +) / Float(plane)
        }
        return (grid, pooled)
    }

    /// Images described before their features join the gallery (the set's
    /// size is checked against memory_mb after the first batch, not after all).
    static let batchImages = 32

    public func fit(_ images: TrainingImages, context: FitContext) throws {
        var pyramids: [PatchMatrix] = [], pooled: [Float] = [], samples: [Int] = []
        var shape: (height: Int, width: Int)?
        try TrainingPass.stream(images, context: context, stage: "features", batch: Self.batchImages) { [self] in
            let (grid, pooled) = try describe($0)
            return (grid.patches, pooled, grid.height, grid.width)
        } consume: { [self] batch in
            let described = batch.map { $0.value }
            samples += batch.map { $0.index }
            if shape == nil {
                shape = (described[0].2, described[0].3)
                try checkGalleryFits(images: images.count, patches: described[0].0, pooled: described[0].1.count)
            }
            if let other = described.first(where: { $0.2 != shape!.height || $0.3 != shape!.width }) {
                throw DetectorError.invalidParameter("SPADE compares each image with whole training images, so all need one shape; "
                    + "got \(shape!.height)x\(shape!.width) and \(other.2)x\(other.3) feature grids (use --fit stretch or pad, or --crop)")
            }
            pyramids += described.map { $0.0 }
            for item in described { pooled += item.1 }
        }
        guard let shape else { throw DetectorError.noTrainingImages }
        let bank = PatchMatrix(rows: pyramids.count, dim: pooled.count / pyramids.count, values: pooled)
        lock.withLock {
            gallery = Gallery(pooled: NearestNeighbourSearch(bank: bank), pyramids: pyramids,
                              height: shape.height, width: shape.width, samples: samples, origin: TrainingOrigin(images))
        }
    }

    /// SPADE's model is every training image's feature pyramid (a test image is
    /// compared with whole training images), so it cannot be thinned without
    /// becoming another method: a set too large for memory_mb is refused up front.
    private func checkGalleryFits(images: Int, patches: PatchMatrix, pooled: Int) throws {
        let bytes = images * (patches.values.count + pooled) * MemoryLayout<Float>.size
        guard bytes <= parameters.memoryCapBytes else {
            throw DetectorError.invalidParameter(String(
                format: "spade keeps every training image's features as its model: %d images x %d patches x %d channels = %.0f MB, "
                    + "more than memory_mb=%d; raise memory_mb if the machine has the memory, train on fewer images, "
                    + "or use patchcore, whose coreset bounds its memory bank",
                images, patches.rows, patches.dim, Double(bytes) / 1_048_576, parameters.memoryCapBytes / 1_048_576))
        }
    }

    public func score(_ image: Image) throws -> AnomalyResult { try patchFeatures(of: image).result }

    /// What `score` computes, with the patch grid and the nearest images kept for tracing a patch.
    public func patchFeatures(of image: Image) throws -> PatchFeatures {
        guard let gallery = lock.withLock({ gallery }) else { throw DetectorError.notFitted }
        let (grid, pooled) = try describe(image)
        guard pooled.count == gallery.pooled.bank.dim, grid.patches.dim == gallery.pyramids[0].dim,
              grid.height == gallery.height, grid.width == gallery.width else {
            throw DetectorError.incompatibleModel("the backbone's features do not match the fitted gallery")
        }
        let k = min(parameters.nearestImages, gallery.pyramids.count)
        let nearest = pooled.withUnsafeBufferPointer { gallery.pooled.kNearest(to: $0.baseAddress!, k: k) }
        let candidates = PatchMatrix.stacking(nearest.map { gallery.pyramids[$0.index] })
        let distances = NearestNeighbourSearch(bank: candidates).nearest(grid.patches).distances
        let map = finishing.map(distances, height: grid.height, width: grid.width, for: image, configuration.preprocessing)
        let imageScore = parameters.imageScore.pooled(patchScores: distances, map: map.values)
            ?? nearest.reduce(0) { $0 + $1.distance } / Float(nearest.count)
        return PatchFeatures(grid: grid, result: AnomalyResult(score: imageScore, map: map), scope: nearest.map(\.index))
    }

    public func exportState() throws -> DetectorState {
        guard let gallery = lock.withLock({ gallery }) else { throw DetectorError.notFitted }
        let pyramids = PatchMatrix.stacking(gallery.pyramids)
        var state = DetectorState(arrays: [
            "pooled": .init(shape: [gallery.pooled.bank.rows, gallery.pooled.bank.dim], values: gallery.pooled.bank.values),
            "pyramids": .init(shape: [gallery.pyramids.count, gallery.height, gallery.width, pyramids.dim], values: pyramids.values),
        ])
        if let samples = gallery.samples {
            state.arrays[Self.samplesName] = .init(shape: [samples.count], values: samples.map(Float.init))
        }
        gallery.origin?.write(into: &state)
        return state
    }

    public static func restore(configuration: DetectorConfiguration, state: DetectorState,
                               resources: DetectorResources) throws -> SPADEDetector {
        let detector = try SPADEDetector(configuration: configuration, resources: resources)
        let pooled = try state.array("pooled"), pyramids = try state.array("pyramids")
        guard pooled.shape.count == 2, pyramids.shape.count == 4, pooled.shape[0] == pyramids.shape[0], pooled.shape[0] > 0 else {
            throw DetectorError.incompatibleModel("SPADE arrays have inconsistent shapes")
        }
        let (n, h, w, d) = (pyramids.shape[0], pyramids.shape[1], pyramids.shape[2], pyramids.shape[3])
        let per = h * w * d
        let maps = (0..<n).map { PatchMatrix(rows: h * w, dim: d, values: Array(pyramids.values[(per * $0)..<(per * ($0 + 1))])) }
        let samples = state.arrays[samplesName].map { $0.values.map { Int($0) } }
        if let samples, samples.count != n {
            throw DetectorError.incompatibleModel("\(samplesName) has \(samples.count) entries for \(n) pyramids")
        }
        detector.lock.withLock {
            detector.gallery = Gallery(pooled: NearestNeighbourSearch(bank: PatchMatrix(rows: pooled.shape[0], dim: pooled.shape[1], values: pooled.values)),
                                       pyramids: maps, height: h, width: w, samples: samples, origin: TrainingOrigin(state: state))
        }
        return detector
    }
}
