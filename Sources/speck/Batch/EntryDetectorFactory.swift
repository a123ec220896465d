import SpeckBackbones
import SpeckDetectors
import SpeckEvaluation

/// Makes the detector of one comparison entry from the shared options
/// (`--backbone`, `--weights`, `--resize`/`--crop`, `--param`; without `--resize`
/// each detector's own) and the entry's
/// own settings, which win. Unlike a single `speck eval`, a missing weights
/// file does not fall back to LBP: it is that entry's error.
struct EntryDetectorFactory: Sendable {
    var backbone: String?
    var weights: String?
    var options: DetectorOptions
    var sharedParameters: [String: String]

    func make(_ choice: DetectorChoice, _ settings: [String: String]) throws -> any Detector {
        let registry = DetectorRegistry.standard
        let entry = try registry.entry(for: choice.kind)
        var weightsPath = weights
        if entry.needsBackbone, (backbone ?? entry.defaultBackbone) == "efficientnet-lite0" {
            weightsPath = try WeightsLocator.efficientNetLite0(explicit: weights)
        }
        return try registry.makeDetector(kind: choice.kind, backbone: entry.needsBackbone ? backbone : nil,
                                         weightsPath: entry.needsBackbone ? weightsPath : nil,
                                         parameters: sharedParameters.merging(settings) { $1 },
                                         preprocessing: options.preprocessing(for: entry))
    }
}
