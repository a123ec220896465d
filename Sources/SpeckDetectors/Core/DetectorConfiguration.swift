import SpeckImaging

/// How a detector was set up: the part of a model file that says what the
/// numbers mean. Codable so the model file header stays human-readable JSON.
public struct DetectorConfiguration: Codable, Sendable, Equatable {
    /// `Detector.kind` of the detector ("patchcore", "padim", "spade", "lbp", ...).
    public var detector: String
    /// Backbone name ("efficientnet-lite0", "resnet18", ...) or nil for pixel-level detectors.
    public var backbone: String?
    /// SHA-256 of the backbone weights file the model was fitted with.
    public var weightsSHA256: String?
    /// Detector-specific parameters, as strings so every detector can keep its own.
    public var parameters: [String: String]
    public var preprocessing: Preprocessing

    public init(detector: String, backbone: String? = nil, weightsSHA256: String? = nil,
                parameters: [String: String] = [:], preprocessing: Preprocessing = .init()) {
        self.detector = detector
        self.backbone = backbone
        self.weightsSHA256 = weightsSHA256
        self.parameters = parameters
        self.preprocessing = preprocessing
    }
}
