import Foundation
import SpeckImaging

/// Deep SVDD (Ruff et al., ICML 2018): a bias-free network trained to map
/// normal data close to a centre c; the squared distance to c is the anomaly.
/// By default on the backbone's patch vectors (PatchCore's embedding), one
/// distance per patch giving an anomaly map; `input=pixels` is the paper's
/// own form, a small CNN on the whole image, which gives a score but no map.
public final class DeepSVDDDetector: Detector, @unchecked Sendable {
    public static let kind = "deepsvdd"

    public let configuration: DetectorConfiguration
    public let parameters: DeepSVDDParameters
    private let features: BackboneFeatures?
    private let embedding = PatchEmbedding(localAverage: true, upsampling: .bilinear)
    private let finishing: MapFinishing
    private let fitted = FittedState<SVDDModel>()

    public init(configuration: DetectorConfiguration, resources: DetectorResources) throws {
        let parameters = try DeepSVDDParameters(configuration.parameters)
        var configuration = configuration
        if parameters.input == .features {
            let backbone = try BackboneFeatures.loadBackbone(for: &configuration, resources: resources)
            let taps = try BackboneFeatures.taps(from: parameters.taps, backbone: backbone, detector: Self.kind)
            features = BackboneFeatures(backbone: backbone, taps: taps, preprocessing: configuration.preprocessing)
            configuration.parameters["taps"] = taps.joined(separator: ",")
        } else {
            // The pixel form reads no backbone: the model file must not claim one.
            configuration.backbone = nil
            configuration.weightsSHA256 = nil
            features = nil
        }
        // The model file records every value used, defaults and resolved taps included.
        configuration.parameters = configuration.parameters.merging(parameters.recorded) { $1 }
        self.configuration = configuration
        self.parameters = parameters
        self.finishing = MapFinishing(sigma: parameters.blurSigma)
    }

    public func fit(_ images: TrainingImages, context: FitContext) throws {
        // The backbone pass is most of the cost: done once, then epochs run on the stored rows.
        let stage = features == nil ? "images" : "features"
        let rows = PatchMatrix.stacking(try TrainingPass.mapWithinBudget(images, budgetBytes: parameters.memoryBudgetBytes,
                                                                         seed: parameters.seed, context: context, stage: stage,
                                                                         bytes: { $0.values.count * 4 }) { [self] in
            try inputRows(of: $0).patches
        })
        fitted.set(try SVDDTrainer(parameters: parameters).train(makeNetworks(inputLength: rows.dim), on: rows,
                                                                 spatial: spatial, context: context))
    }

    public func score(_ image: Image) throws -> AnomalyResult {
        let model = try fitted.get()
        let input = try inputRows(of: image)
        guard input.patches.dim == model.inputLength else {
            throw DetectorError.incompatibleModel("the network takes \(model.inputLength) inputs, the image gives \(input.patches.dim)")
        }
        let scores = model.scores(input.patches)
        guard parameters.input == .features else { return AnomalyResult(score: scores[0], map: nil) }
        let side = configuration.preprocessing.outputSide
        let map = finishing.finish(scores, height: input.height, width: input.width, toSide: side)
        let imageScore = parameters.imageScore.pooled(patchScores: scores, map: map) ?? 0
        return AnomalyResult(score: imageScore, map: AnomalyMap(width: side, height: side, values: map))
    }

    public func exportState() throws -> DetectorState { try fitted.get().state }

    public static func restore(configuration: DetectorConfiguration, state: DetectorState,
                               resources: DetectorResources) throws -> DeepSVDDDetector {
        var configuration = configuration
        configuration.parameters = try DeepSVDDParameters.upgrading(configuration.parameters)
        let detector = try DeepSVDDDetector(configuration: configuration, resources: resources)
        guard let inputs = state.arrays["svdd.input_mean"]?.values.count else {
            throw DetectorError.incompatibleModel("missing array 'svdd.input_mean'")
        }
        let networks = detector.makeNetworks(inputLength: inputs * detector.spatial)
        detector.fitted.set(try SVDDModel(state: state, networks: networks, objective: detector.parameters.objective,
                                          spatial: detector.spatial))
        return detector
    }

    /// The network's input rows for one image: its patch vectors on the
    /// backbone grid, or (pixels) the whole image at `side` as one row.
    private func inputRows(of image: Image) throws -> PatchEmbedding.Grid {
        if let features { return embedding.combine(try features.maps(of: image)) }
        let small = configuration.preprocessing.apply(to: image).resized(width: parameters.side, height: parameters.side)
        return PatchEmbedding.Grid(patches: PatchMatrix(rows: 1, dim: small.pixels.count, values: small.pixels), height: 1, width: 1)
    }

    /// Values per input channel that share one scaling: one for patch vectors, the image plane for pixels.
    private var spatial: Int { parameters.input == .pixels ? parameters.side * parameters.side : 1 }

    /// One network per head, each from its own seed and with its own tensor names.
    private func makeNetworks(inputLength: Int) -> [any SVDDNetwork] {
        (0..<parameters.heads).map { head in
            let seed = parameters.seed(ofHead: head), prefix = SVDDHead.prefix(head)
            switch parameters.input {
            case .features:
                return PatchNetwork(inputs: inputLength, hidden: parameters.hidden, outputs: parameters.dims, seed: seed, prefix: prefix)
            case .pixels:
                return PixelNetwork(side: parameters.side, outputs: parameters.dims, seed: seed, prefix: prefix)
            }
        }
    }
}
