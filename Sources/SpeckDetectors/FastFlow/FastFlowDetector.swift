import Foundation
import SpeckImaging
import SpeckLearning
import SpeckTensor

/// FastFlow (Yu et al., 2021): a 2D normalizing flow per backbone feature
/// level, trained on whole feature maps of normal images to map them to a
/// standard Gaussian. A position the flow finds unlikely is anomalous: each
/// level's per-position map is upsampled to the preprocessed image, the
/// levels are averaged, smoothed, and the image score is the mean of the
/// map's hottest patches (`score`, see `MapCells`).
public final class FastFlowDetector: Detector, @unchecked Sendable {
    public static let kind = "fastflow"

    public let configuration: DetectorConfiguration
    public let parameters: FastFlowParameters
    private let features: BackboneFeatures
    private let blur: GaussianBlur?
    /// One model per head (`heads=N`); the map is their mean.
    private let fitted = FittedState<[FastFlowModel]>()

    public init(configuration: DetectorConfiguration, resources: DetectorResources) throws {
        let parameters = try FastFlowParameters(configuration.parameters)
        var configuration = configuration
        let backbone = try BackboneFeatures.loadBackbone(for: &configuration, resources: resources)
        // The three-level default names EfficientNet-Lite0's blocks; other backbones keep their own taps.
        let taps = parameters.taps ?? (backbone.name == "efficientnet-lite0" ? FastFlowParameters.defaultTaps : nil)
        features = BackboneFeatures(backbone: backbone, taps: try BackboneFeatures.taps(from: taps, backbone: backbone, detector: Self.kind),
                                    preprocessing: configuration.preprocessing)
        // The model file records every value used, defaults and resolved taps included.
        configuration.parameters = configuration.parameters.merging(parameters.recorded) { $1 }
            .merging(["taps": features.taps.joined(separator: ",")]) { $1 }
        self.configuration = configuration
        self.parameters = parameters
        blur = parameters.sigma > 0 ? GaussianBlur(sigma: parameters.sigma) : nil
    }

    public func fit(_ images: TrainingImages, context: FitContext) throws {
        // The backbone runs once per image; the epochs then reuse the stored maps.
        let perImage = try TrainingPass.mapWithinBudget(images, budgetBytes: parameters.memoryBudgetBytes, seed: parameters.seed,
                                                        context: context, stage: "features",
                                                        bytes: { $0.reduce(0) { $0 + $1.count * 4 } }) { [self] in try features.maps(of: $0) }
        let shapes = perImage[0].map(\.shape)
        guard perImage.allSatisfy({ $0.map(\.shape) == shapes }) else {
            throw DetectorError.invalidParameter("fastflow needs feature maps of one size: set a resize so that every image gives the same grid")
        }
        let levels = shapes.indices.map { level in perImage.map { $0[level] } }
        let models = try (0..<parameters.heads).map { head in
            let started = Date()
            let model = FastFlowModel(channels: shapes.map { $0[0] }, parameters: parameters, head: head)
            let loss = try FastFlowTrainer(parameters: parameters).train(
                model, on: levels, seed: EnsembleMembers.seed(base: parameters.seed, member: head), context: context,
                label: parameters.heads > 1 ? "flow \(head + 1) of \(parameters.heads)" : nil)
            context.tell(String(format: "FastFlow%@: %d levels (%@), %d epochs in %.0f s; last epoch loss %.4f nats/dim",
                                parameters.heads > 1 ? " \(head + 1) of \(parameters.heads)" : "",
                                levels.count, features.taps.joined(separator: ", "), parameters.epochs,
                                Date().timeIntervalSince(started), loss))
            return model
        }
        fitted.set(models)
    }

    public func score(_ image: Image) throws -> AnomalyResult {
        let models = try fitted.get()
        let maps = try features.maps(of: image)
        guard maps.map({ $0.shape[0] }) == models[0].channels else {
            throw DetectorError.incompatibleModel("the taps give \(maps.map { $0.shape[0] }) channels, the flows take \(models[0].channels)")
        }
        let side = configuration.preprocessing.outputSide
        // Upsampling and blurring are linear: the heads' mean is taken per level, before them.
        let perLevel = maps.enumerated().map { level, map in
            (values: Self.mean(models.map { $0.anomaly(level: level, of: map.reshaped([1] + map.shape), kind: parameters.map).data }),
             height: map.shape[1], width: map.shape[2])
        }
        let mean = PlaneResize.sumOfUpsampled(perLevel, side: side).map { $0 / Float(maps.count) }
        let values = blur?.apply(mean, width: side, height: side) ?? mean
        return AnomalyResult(score: MapCells.imageScore(parameters.imageScore, map: values, width: side, height: side),
                             map: AnomalyMap(width: side, height: side, values: values))
    }

    public func exportState() throws -> DetectorState {
        var state = DetectorState()
        state.store(try fitted.get().flatMap(\.flows))
        return state
    }

    /// The element-wise mean of equal-length arrays (the lone array itself for one head).
    static func mean(_ arrays: [[Float]]) -> [Float] {
        guard arrays.count > 1 else { return arrays[0] }
        var sum = arrays[0]
        for array in arrays.dropFirst() { for i in sum.indices { sum[i] += array[i] } }
        let scale = 1 / Float(arrays.count)
        return sum.map { $0 * scale }
    }

    public static func restore(configuration: DetectorConfiguration, state: DetectorState,
                               resources: DetectorResources) throws -> FastFlowDetector {
        var configuration = configuration
        configuration.parameters = EnsembleMembers.upgrading(TrainedWeights.upgrading(MapCells.upgrading(configuration.parameters)))
        let detector = try FastFlowDetector(configuration: configuration, resources: resources)
        detector.fitted.set(try (0..<detector.parameters.heads).map { head in
            try FastFlowModel(state: state, levels: detector.features.taps.count, parameters: detector.parameters, head: head)
        })
        return detector
    }
}
