import Foundation
import SpeckBackbones
import SpeckImaging

/// PaDiM (Defard et al., 2021): a Gaussian per feature-map position over the
/// concatenated tap channels (all, or the paper's random subset); a test patch's anomaly is
/// its Mahalanobis distance to that position's Gaussian, the image's the map's maximum.
public final class PaDiMDetector: Detector, @unchecked Sendable {
    public static let kind = "padim"

    public let configuration: DetectorConfiguration
    public let parameters: PaDiMParameters
    private let features: BackboneFeatures
    /// anomalib brings coarser taps to the finest grid by nearest-neighbour upsampling, without pooling.
    private let embedding = PatchEmbedding(localAverage: false, upsampling: .nearest)
    private let finishing: MapFinishing
    private let lock = NSLock()
    private var model: (columns: [Int], gaussians: PositionGaussians, height: Int, width: Int)?

    public init(configuration: DetectorConfiguration, resources: DetectorResources) throws {
        let parameters = try PaDiMParameters(configuration.parameters)
        var configuration = configuration
        let backbone = try BackboneFeatures.loadBackbone(for: &configuration, resources: resources)
        let taps = try BackboneFeatures.taps(from: parameters.taps, backbone: backbone, detector: Self.kind)
        // The model file records every value used, defaults and resolved taps included.
        configuration.parameters = parameters.recorded.merging(["taps": taps.joined(separator: ",")]) { $1 }
        self.configuration = configuration
        self.parameters = parameters
        self.features = BackboneFeatures(backbone: backbone, taps: taps, preprocessing: configuration.preprocessing)
        self.finishing = MapFinishing(sigma: parameters.blurSigma)
    }

    /// Images whose features are extracted before they join the running sums.
    static let batchImages = 32

    /// Streams the training images into per-position sums (`GaussianSums`), so
    /// that memory holds one batch of features and the sums, whatever the set's size.
    public func fit(_ images: TrainingImages, context: FitContext) throws {
        var learned: (columns: [Int], sums: GaussianSums, height: Int, width: Int)?
        try TrainingPass.stream(images, context: context, stage: "features", batch: Self.batchImages) { [self] in
            embedding.combine(try features.maps(of: $0))
        } consume: { batch in
            let grids = batch.map { $0.value }
            let first = grids[0]
            if learned == nil {
                let columns = ChannelSubset.choose(parameters.channels ?? first.patches.dim, of: first.patches.dim, seed: parameters.seed)
                learned = (columns, GaussianSums(positions: first.patches.rows, dim: columns.count), first.height, first.width)
            }
            let (height, width) = (learned!.height, learned!.width)
            if let other = grids.first(where: { $0.height != height || $0.width != width }) {
                throw DetectorError.invalidParameter("PaDiM learns one Gaussian per grid position, so all training images need one shape; "
                    + "got \(height)x\(width) and \(other.height)x\(other.width) feature grids (use --fit stretch or pad, or --crop)")
            }
            let columns = learned!.columns
            try learned!.sums.add(grids.map { ChannelSubset.select(columns, from: $0.patches) }, cancelled: context.checkCancelled)
        }
        guard let learned else { throw DetectorError.noTrainingImages }
        context.report("gaussians", done: 0, total: 1)
        let gaussians = try learned.sums.gaussians(regularisation: parameters.regularisation, cancelled: context.checkCancelled)
        context.report("gaussians", done: 1, total: 1)
        lock.withLock { model = (learned.columns, gaussians, learned.height, learned.width) }
    }

    public func score(_ image: Image) throws -> AnomalyResult {
        guard let model = lock.withLock({ model }) else { throw DetectorError.notFitted }
        let grid = embedding.combine(try features.maps(of: image))
        guard grid.height == model.height, grid.width == model.width,
              model.columns.last.map({ $0 < grid.patches.dim }) ?? false else {
            throw DetectorError.incompatibleModel("the backbone gives a \(grid.patches.dim)-channel \(grid.height)x\(grid.width) grid, the model was fitted on \(model.height)x\(model.width)")
        }
        let distances = model.gaussians.distances(ChannelSubset.select(model.columns, from: grid.patches))
        let map = finishing.map(distances, height: grid.height, width: grid.width, for: image, configuration.preprocessing)
        let imageScore = parameters.imageScore.pooled(patchScores: distances, map: map.values) ?? 0
        return AnomalyResult(score: imageScore, map: map)
    }

    public func exportState() throws -> DetectorState {
        guard let model = lock.withLock({ model }) else { throw DetectorError.notFitted }
        let g = model.gaussians
        return DetectorState(arrays: [
            "channels": .init(shape: [model.columns.count], values: model.columns.map(Float.init)),
            "means": .init(shape: [model.height, model.width, g.dim], values: g.means),
            "inverse_covariances": .init(shape: [g.positions, g.dim, g.dim], values: g.inverseCovariances),
        ])
    }

    public static func restore(configuration: DetectorConfiguration, state: DetectorState,
                               resources: DetectorResources) throws -> PaDiMDetector {
        let detector = try PaDiMDetector(configuration: configuration, resources: resources)
        let channels = try state.array("channels"), means = try state.array("means")
        let inverses = try state.array("inverse_covariances")
        let dim = channels.values.count
        guard means.shape.count == 3, means.shape[2] == dim,
              inverses.shape == [means.shape[0] * means.shape[1], dim, dim] else {
            throw DetectorError.incompatibleModel("PaDiM arrays have inconsistent shapes")
        }
        let gaussians = PositionGaussians(positions: means.shape[0] * means.shape[1], dim: dim,
                                          means: means.values, inverseCovariances: inverses.values)
        detector.lock.withLock {
            detector.model = (channels.values.map { Int($0) }, gaussians, means.shape[0], means.shape[1])
        }
        return detector
    }
}
