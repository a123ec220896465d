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

    @Option(help: "Resize side before anything else (how the aspect is treated: --fit). Default: the detector's own, 384 for patchcore, 256 for the others.")
    var resize: Int?

    @Option(help: "Centre crop side after the resize (224 with --resize 256 reproduces the published protocol).")
    var crop: Int?

    @Option(help: "How --resize treats the aspect: stretch (squeeze to a square; the default), shorter (shorter side to --resize, aspect kept; not square without --crop), pad (longer side to --resize, black bars to a square; the map is trimmed back to the image).")
    var fit: PreprocessingFit = .stretch

    @Option(help: "Cut each image into N x N tiles (pixels of the original image), each resized whole to --resize: one model for all tiles, tile maps stitched over the whole image.")
    var tile: Int?

    @Option(help: "Pixels of the original image that neighbouring tiles share; their maps are blended there (needs --tile; default 0).")
    var tileOverlap: Int?

    @Option(name: .customLong("param"), help: ArgumentHelp(
        "Detector parameter key=value (repeatable), e.g. --param mode=texture.",
        discussion: """
            Feature detectors: taps=blocks.1,...,blocks.5 (ResNets: layer1,...,layer4), the first sets the patch \
            grid (list the finest first); score=max (the map's maximum) or topk:K (mean of the K highest patch scores; \
            patchcore's default is topk:20; deepsvdd's and fastflow's topk:10, fastflow's and cflow's over 8 px cells of their map), \
            besides patchcore's reweighted (the paper's) and spade's default images; patchcore coreset=F (share of patches kept), \
            neighbours=K (k of its image-score k-NN); spade images=K (nearest training images); padim channels=all|N (a random subset of N channels; \
            default all); seed=N; deepsvdd heads=N (networks from N seeds averaged; default 32) and steps=N (updates per network; default 400, 0 for whole epochs), fastflow and differnet heads=N (flows from N seeds \
            averaged; default 3); trained detectors average=F (weights averaged over the last share F of the steps; default 0, ganomaly 0.5); \
            ganomaly steps=N (at least N updates; default 270) and snapshots=N (generators of the run's last half whose scores are averaged; default 1), batchnorm=recomputed|running (the generators' batch-norm statistics: recomputed on the training images for the final weights, the default, or training's running averages), heads=N (runs from N seeds whose scores are averaged; default 3). \
            Every value used, defaults included, is written to the model file (speck info MODEL shows them).
            """))
    var parameters: [String] = []

    /// The preprocessing options, with the detector's own resize when `--resize` is not given.
    func preprocessing(for entry: DetectorRegistry.Entry) -> Preprocessing {
        Preprocessing(resize: resize ?? entry.defaultResize, crop: crop, fit: fit,
                      tiling: tile.map { Tiling(tile: $0, overlap: tileOverlap ?? 0) })
    }

    /// The detector to fit. A detector that needs backbone weights falls back
    /// to LBP, with a note saying so, when the weights cannot be found.
    func makeDetector(note: (String) -> Void) throws -> any Detector {
        if let tileOverlap, tile == nil { throw ValidationError("--tile-overlap \(tileOverlap) needs --tile") }
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
        let preprocessing = preprocessing(for: entry)
        try preprocessing.validate()
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
