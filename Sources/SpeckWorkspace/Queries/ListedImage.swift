import GRDB

/// One row of the image list for a model: what the workstation shows and sorts.
public struct ListedImage: Sendable, Equatable {
    public var imageId: Int64
    public var path: String
    public var decodeStatus: ImageRecord.DecodeStatus
    /// nil until the model has scored the image.
    public var raw: Double?
    public var normalised: Double?
    /// The label in force (nil when unlabelled or cleared).
    public var label: LabelVerdict?

    public init(imageId: Int64, path: String, decodeStatus: ImageRecord.DecodeStatus, raw: Double? = nil,
                normalised: Double? = nil, label: LabelVerdict? = nil) {
        self.imageId = imageId
        self.path = path
        self.decodeStatus = decodeStatus
        self.raw = raw
        self.normalised = normalised
        self.label = label
    }
}
