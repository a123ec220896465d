import Foundation
import SpeckImaging
import SpeckLearning
import SpeckTensor

/// CFLOW-AD (Gudovskiy, Ishizaka, Kozuka, WACV 2022): per backbone level, a
/// conditional normalizing flow learns the density of normal patch vectors
/// given their position (a 2D sinusoidal encoding fed to every coupling).
/// A test patch's likelihood becomes a probability against the best training
/// likelihood of its level; 1 − probability is upsampled from every level and
/// summed into the anomaly map, whose maximum is the image score (`score`).
public final class CFLOWDetector: Detector, @unchecked Sendable {
    public static let kind = "cflow"

    public let configuration: DetectorConfiguration
    public let parameters: CFLOWParameters
    private let features: BackboneFeatures
    private let blur: GaussianBlur
    private let fitted = FittedState<[CFLOWLevel]>()
    /// Flattens one tap to rows without pooling or resizing.
    private let rows = PatchEmbedding(localAverage: false, upsampling: .nearest)

    public init(configuration: DetectorConfiguration, resources: DetectorResources) throws {
        let parameters = try CFLOWParameters(configuration.parameters)
        var configuration = configuration
        let backbone = try BackboneFeatures.loadBackbone(for: &configuration, resources: resources)
        features = BackboneFeatures(backbone: backbone, taps: try BackboneFeatures.taps(from: parameters.taps, backbone: backbone, detector: Self.kind),
                                    preprocessing: configuration.preprocessing)
        // The model file records every value used, defaults and resolved taps included.
        configuration.parameters = configuration.parameters.merging(parameters.recorded) { $1 }
            .merging(["taps": features.taps.joined(separator: ",")]) { $1 }
        self.configuration = configuration
        self.parameters = parameters
        self.blur = GaussianBlur(sigma: parameters.blurSigma)
    }

    public func fit(_ images: TrainingImages, context: FitContext) throws {
        let perImage = try TrainingPass.mapWithinBudget(images, budgetBytes: parameters.memoryBudgetBytes, seed: parameters.seed,
                                                        context: context, stage: "features",
                                                        bytes: { $0.reduce(0) { $0 + $1.patches.values.count * 4 } }) { [self] image in
            try features.maps(of: image).map { rows.combine([$0]) }
        }
        let levels = perImage[0].indices.map { CFLOWLevel(index: $0, channels: perImage[0][$0].patches.dim, parameters: parameters) }
        let data = levels.map { level in
            let grid = perImage[0][level.index]
            return CFLOWTrainer.LevelData(
                patches: PatchMatrix.stacking(perImage.map { $0[level.index].patches }),
                encoding: level.encoding(height: grid.height, width: grid.width))
        }
        try CFLOWTrainer(parameters: parameters).train(levels, on: data, context: context)
        fitted.set(levels)
    }

    public func score(_ image: Image) throws -> AnomalyResult {
        let levels = try fitted.get()
        let grids = try features.maps(of: image).map { rows.combine([$0]) }
        let side = configuration.preprocessing.outputSide
        let perLevel = try zip(levels, grids).map { level, grid in
            guard grid.patches.dim == level.channels else {
                throw DetectorError.incompatibleModel("level \(level.index + 1) has \(grid.patches.dim) channels, the model \(level.channels)")
            }
            let anomalies = level.anomalies(fromLogLikelihoods: level.logLikelihoods(
                ofImage: grid.patches, height: grid.height, width: grid.width))
            return (values: anomalies, height: grid.height, width: grid.width)
        }
        let map = blur.apply(PlaneResize.sumOfUpsampled(perLevel, side: side), width: side, height: side)
        return AnomalyResult(score: MapCells.imageScore(parameters.imageScore, map: map, width: side, height: side),
                             map: AnomalyMap(width: side, height: side, values: map))
    }

    public func exportState() throws -> DetectorState {
        var state = DetectorState()
        for level in try fitted.get() {
            state.store([level.flow])
            state.scalars["reference_log_likelihood.\(level.index)"] = Double(level.referenceLogLikelihood)
        }
        return state
    }

    public static func restore(configuration: DetectorConfiguration, state: DetectorState,
                               resources: DetectorResources) throws -> CFLOWDetector {
        var configuration = configuration
        configuration.parameters = TrainedWeights.upgrading(MapCells.upgrading(configuration.parameters))
        let detector = try CFLOWDetector(configuration: configuration, resources: resources)
        let levels = try detector.features.taps.indices.map { index in
            let channels = try state.array(CFLOWLevel.channelArrayName(level: index)).values.count
            let level = CFLOWLevel(index: index, channels: channels, parameters: detector.parameters)
            try state.load(into: [level.flow])
            let reference = try state.scalar("reference_log_likelihood.\(index)")
            guard reference.isFinite else {
                throw DetectorError.incompatibleModel("reference_log_likelihood.\(index) is not finite")
            }
            level.referenceLogLikelihood = Float(reference)
            return level
        }
        detector.fitted.set(levels)
        return detector
    }
}
