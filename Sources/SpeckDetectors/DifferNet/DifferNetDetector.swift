import Foundation
import SpeckImaging
import SpeckTensor

/// DifferNet (Rudolph, Wandt & Rosenhahn, WACV 2021): a normalizing flow
/// learns the density of whole-image feature vectors (the backbone's stages
/// average-pooled and concatenated) of normal images under a set of
/// transformations; an image's score is the mean negative log-likelihood of
/// its transformed copies. Here the transformations are quarter turns, exact
/// and fill-free. It scores whole images: there is no anomaly map.
public final class DifferNetDetector: Detector, @unchecked Sendable {
    public static let kind = "differnet"

    public let configuration: DetectorConfiguration
    public let parameters: DifferNetParameters
    private let features: PooledFeatures
    private let fitted = FittedState<DifferNetModel>()

    public init(configuration: DetectorConfiguration, resources: DetectorResources) throws {
        let parameters = try DifferNetParameters(configuration.parameters)
        var configuration = configuration
        let backbone = try BackboneFeatures.loadBackbone(for: &configuration, resources: resources)
        let taps = try BackboneFeatures.taps(from: parameters.taps, backbone: backbone, detector: Self.kind)
        features = try PooledFeatures(backbone: backbone, taps: taps, preprocessing: configuration.preprocessing)
        // The model file records every value used, defaults and resolved taps included.
        configuration.parameters = configuration.parameters.merging(parameters.recorded) { $1 }
            .merging(["taps": taps.joined(separator: ",")]) { $1 }
        self.configuration = configuration
        self.parameters = parameters
    }

    public func fit(_ images: TrainingImages, context: FitContext) throws {
        // The backbone is most of the cost: every copy's vector is computed once, then epochs run on them.
        let rows = try TrainingPass.mapWithinBudget(images, budgetBytes: parameters.memoryBudgetBytes, seed: parameters.seed,
                                                    context: context, stage: "features", bytes: { $0.count * 4 }) { [self] in
            try trainingRows(of: $0)
        }
        let flows = DifferNetModel.makeFlows(dimension: features.dimension, parameters: parameters)
        try DifferNetTrainer(parameters: parameters).train(flows, on: rows.flatMap { $0 }, dimension: features.dimension,
                                                           context: context)
        fitted.set(DifferNetModel(flows: flows, dimension: features.dimension, score: parameters.score))
    }

    public func score(_ image: Image) throws -> AnomalyResult {
        let model = try fitted.get()
        let rows = try features.rows(of: features.preprocessing.apply(to: image), quarterTurns: parameters.quarterTurns)
        return AnomalyResult(score: model.score(rows), map: nil)
    }

    public func exportState() throws -> DetectorState { try fitted.get().state }

    public static func restore(configuration: DetectorConfiguration, state: DetectorState,
                               resources: DetectorResources) throws -> DifferNetDetector {
        var configuration = configuration
        configuration.parameters = TrainedWeights.upgrading(EnsembleMembers.upgrading(configuration.parameters))
        let detector = try DifferNetDetector(configuration: configuration, resources: resources)
        let dimension = detector.features.dimension
        let flows = DifferNetModel.makeFlows(dimension: dimension, parameters: detector.parameters)
        detector.fitted.set(try DifferNetModel(state: state, flows: flows, dimension: dimension, score: detector.parameters.score))
        return detector
    }

    /// A training image's vectors: every turn, then every turn of each
    /// colour-jittered copy. The jitter is seeded by the seed and the image's
    /// own pixels, so it does not depend on which thread takes which image.
    private func trainingRows(of image: Image) throws -> [Float] {
        let prepared = features.preprocessing.apply(to: image)
        let turns = parameters.quarterTurns
        var rows = try features.rows(of: prepared, quarterTurns: turns)
        var rng = SeededGenerator(seed: parameters.seed ^ Self.fingerprint(prepared))
        let jitter = ColourJitter(strength: 0.1)
        for _ in 0..<parameters.jitter {
            rows += try features.rows(of: jitter.apply(to: prepared, using: &rng), quarterTurns: turns)
        }
        return rows
    }

    /// FNV-1a over the pixels' bits: a seed that belongs to the image.
    static func fingerprint(_ image: Image) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for value in image.pixels {
            hash = (hash ^ UInt64(value.bitPattern)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
