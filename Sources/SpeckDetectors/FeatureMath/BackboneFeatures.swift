import Foundation
import SpeckBackbones
import SpeckImaging
import SpeckTensor

/// The front half of every feature detector: preprocess an image (resize,
/// crop), run the backbone and return the requested taps in order.
public struct BackboneFeatures: Sendable {
    public let backbone: any Backbone
    public let taps: [String]
    public let preprocessing: Preprocessing

    public init(backbone: any Backbone, taps: [String], preprocessing: Preprocessing) {
        self.backbone = backbone
        self.taps = taps
        self.preprocessing = preprocessing
    }

    public func maps(of image: Image) throws -> [Tensor] {
        let input = preprocessing.apply(to: image)
        let outputs = try backbone.features(of: input, taps: taps)
        return try taps.map { tap in
            guard let map = outputs[tap] else {
                throw DetectorError.invalidParameter("backbone returned no output for tap '\(tap)'")
            }
            return map
        }
    }

    /// Loads the configured backbone and records its weights' checksum in the
    /// configuration; a model fitted with other weights is refused, saying so
    /// plainly when the model was fitted with a published checkpoint.
    public static func loadBackbone(for configuration: inout DetectorConfiguration,
                                    resources: DetectorResources) throws -> any Backbone {
        let backbone = try BackboneLoader.load(name: configuration.backbone ?? "efficientnet-lite0",
                                               weightsPath: resources.weightsPath)
        if let recorded = configuration.weightsSHA256, recorded != backbone.weightsSHA256 {
            if let published = PublishedCheckpoint.withDigest(recorded) {
                throw DetectorError.incompatibleModel(
                    "fitted with \(published.title), but the weights file \(backbone.weightsPath) is not it: "
                        + published.mismatch(actual: backbone.weightsSHA256))
            }
            throw DetectorError.incompatibleModel(
                "fitted with \(backbone.name) weights sha256 \(recorded.prefix(12))…, but the weights found (\(backbone.weightsPath)) have \(backbone.weightsSHA256.prefix(12))…")
        }
        configuration.backbone = backbone.name
        configuration.weightsSHA256 = backbone.weightsSHA256
        return backbone
    }

    /// Taps from a "blocks.2,blocks.4" parameter (',' or '+' between names, so
    /// a tap list fits inside a `--detector` list), or the backbone's defaults.
    /// Each tap is checked against the backbone here, so a typo is refused when
    /// the detector is made, naming the key and the tap; duplicates are refused.
    /// The order is kept as given (the first tap sets the patch grid, and the
    /// flows keep one level per tap in order), so model files restore as fitted.
    public static func taps(from text: String?, backbone: any Backbone, detector: String = "detector",
                            key: String = "taps") throws -> [String] {
        guard let text, !text.isEmpty else { return backbone.defaultTaps }
        let taps = text.split(whereSeparator: { $0 == "," || $0 == "+" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if taps.isEmpty { throw DetectorError.invalidParameter("\(detector) \(key)=\(text): no tap names") }
        for tap in taps {
            do {
                _ = try backbone.tapShape(tap)
            } catch {
                throw DetectorError.invalidParameter("\(detector) \(key)=\(text): \(error)")
            }
        }
        if Set(taps).count != taps.count {
            throw DetectorError.invalidParameter("\(detector) \(key)=\(text): a tap is named twice")
        }
        return taps
    }
}
