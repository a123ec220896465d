import SpeckBackbones
import SpeckDetectors

/// Detectors for workspace models: a fresh one set up like a recorded model
/// (for a retrain) and the fitted one restored from its file (for scoring).
enum ModelDetectors {
    /// The weights a model's detector needs, found the usual way (`--weights`, env, cache).
    static func resources(for configuration: DetectorConfiguration, weights: String?) throws -> DetectorResources {
        guard let backbone = configuration.backbone else { return DetectorResources() }
        return DetectorResources(weightsPath: try WeightsLocator.weights(for: backbone, explicit: weights))
    }

    static func fresh(like configuration: DetectorConfiguration, weights: String?) throws -> any Detector {
        let resources = try resources(for: configuration, weights: weights)
        return try DetectorRegistry.standard.makeDetector(kind: configuration.detector, backbone: configuration.backbone,
                                                     weightsPath: resources.weightsPath,
                                                     parameters: configuration.parameters,
                                                     preprocessing: configuration.preprocessing)
    }

    static func restored(_ file: ModelFile, weights: String?) throws -> any Detector {
        try DetectorRegistry.standard.restore(file, resources: resources(for: file.configuration, weights: weights))
    }
}
