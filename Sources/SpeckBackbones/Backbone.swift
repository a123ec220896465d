import SpeckImaging
import SpeckTensor

/// An ImageNet-pretrained CNN used as a feature extractor.
public protocol Backbone: AnyObject, Sendable {
    /// "efficientnet-lite0", "resnet18", "wide_resnet50_2", ...
    var name: String { get }
    /// sha256 of the weights file, recorded in model files.
    var weightsSHA256: String { get }
    /// The weights file the backbone was loaded from.
    var weightsPath: String { get }
    /// Input normalisation the weights were trained with (applied by the backbone).
    var normalisation: (mean: [Float], std: [Float]) { get }
    /// The feature taps detectors use by default.
    var defaultTaps: [String] { get }
    /// Channels and stride (input pixels per feature cell) of a tap.
    func tapShape(_ tap: String) throws -> (channels: Int, stride: Int)
    /// `image`: RGB in [0,1], already resized/cropped (any size >= 32); the backbone normalises.
    /// Returns each requested tap as Tensor [C, H, W]; stops after the last tap needed.
    /// Safe to call from several threads at once.
    func features(of image: Image, taps: [String]) throws -> [String: Tensor]
    /// Classifier output (1000 ImageNet logits).
    func logits(of image: Image) throws -> [Float]
}
