import ArgumentParser
import SpeckBackbones
import SpeckDetectors

/// The options that choose and set up a detector, shared by `train` and `eval`.
struct DetectorOptions: ParsableArguments {
    @Option(help: "Detector: \(DetectorRegistry.standard.kinds.joined(separator: ", ")). Default: patchcore, or lbp when the EfficientNet-Lite0 weights are missing. eval also takes a list or 'all' (see its help).")
    var detector: String?

    @Option(help: "Backbone of a feature detector (default: efficientnet-lite0).")
    var backbone: String?

    @Option(help: "Backbone weights file (default: the cache filled by ./dev setup).")
    var weights: String?

    @Option(help: "Square resize side before anything else.")
    var resize: Int = 256

    @Option(help: "Centre crop side after the resize (224 with --resize 256 reproduces the published protocol).")
    var crop: Int?

    @Option(name: .customLong("param"), help: ArgumentHelp(
        "Detector parameter key=value (repeatable), e.g. --param mode=texture.",
        discussion: """
            Feature detectors: taps=blocks.1,...,blocks.5 (ResNets: layer1,...,layer4), the first sets the patch \
            grid (list the finest first); score=max (the map's maximum) or topk:K (mean of the K highest patch scores), besides \
            patchcore's default reweighted and spade's default images; patchcore coreset=F (share of patches kept), \
            neighbours=K (k of its image-score k-NN); spade images=K (nearest training images); seed=N. \
            Every value used, defaults included, is written to the model file (speck info MODEL shows them).
            """))
    var parameters: [String] = []

    var preprocessing: Preprocessing { Preprocessing(resize: resize, crop: crop) }

    /// The detector to fit. A detector that needs backbone weights falls back
    /// to LBP, with a note saying so, when the weights cannot be found.
    func makeDetector(note: (String) -> Void) throws -> any Detector {
        try preprocessing.validate()
        let registry = DetectorRegistry.standard
        var kind = detector?.lowercased() ?? "patchcore"
        var entry = try registry.entry(for: kind)
        var weightsPath = weights
        if entry.needsBackbone, (backbone ?? entry.defaultBackbone) == "efficientnet-lite0" {
            do {
                weightsPath = try WeightsLocator.efficientNetLite0(explicit: weights)
            } catch {
                note("\(error)")
                note("falling back to --detector lbp, which needs no pretrained weights"
                     + (detector == nil ? "" : " (asked for \(kind))"))
                kind = LBPDetector.kind
                entry = try registry.entry(for: kind)
            }
        }
        var parameters = try DetectorRegistry.parameters(from: parameters)
        if let requested = detector?.lowercased(), requested != kind, !parameters.isEmpty {
            note("ignoring --param \(self.parameters.joined(separator: " ")), meant for \(requested)")
            parameters = [:]
        }
        return try registry.makeDetector(kind: kind, backbone: entry.needsBackbone ? backbone : nil,
                                         weightsPath: entry.needsBackbone ? weightsPath : nil,
                                         parameters: parameters,
                                         preprocessing: preprocessing)
    }
}
