import Foundation

/// What the details panel says about the current model.
public struct ModelSummary: Sendable, Equatable {
    public var name: String
    public var detector: String
    public var backbone: String?
    public var fittedAt: Date?
    public var fitSeconds: Double?
    public var trainingImages: Int?
    /// Mean scoring time per image, when known.
    public var scoringMilliseconds: Double?

    public init(name: String, detector: String, backbone: String?, fittedAt: Date?, fitSeconds: Double?,
                trainingImages: Int? = nil, scoringMilliseconds: Double? = nil) {
        self.name = name
        self.detector = detector
        self.backbone = backbone
        self.fittedAt = fittedAt
        self.fitSeconds = fitSeconds
        self.trainingImages = trainingImages
        self.scoringMilliseconds = scoringMilliseconds
    }
}
