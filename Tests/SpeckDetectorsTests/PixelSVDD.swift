import SpeckImaging
@testable import SpeckDetectors

/// Deep SVDD's pixel form on small synthetic plates: a trained detector that
/// needs no backbone, fitted in a fraction of a second, for tests of what all
/// trained detectors share (heads, weight averaging, model-file upgrades).
enum PixelSVDD {
    static func plate(seed: UInt64, spot: Bool = false) -> Image { SyntheticPlate.image(seed: seed, side: 32, spot: spot) }

    static func fitted(_ extra: [String: String]) throws -> any Detector {
        let parameters = ["input": "pixels", "side": "16", "epochs": "4", "batch": "4", "lr": "0.001"].merging(extra) { $1 }
        let detector = try DetectorRegistry.standard.makeDetector(kind: "deepsvdd", parameters: parameters,
                                                                  preprocessing: Preprocessing(resize: 32))
        try detector.fit(TrainingImages((0..<8).map { plate(seed: $0) }), context: FitContext())
        return detector
    }

    /// The bit patterns of a good and a spotted plate's scores.
    static func scores(_ detector: any Detector) throws -> [UInt32] {
        try [plate(seed: 100), plate(seed: 101, spot: true)].map { try detector.score($0).score.bitPattern }
    }
}
