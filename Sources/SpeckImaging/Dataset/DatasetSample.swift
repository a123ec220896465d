/// One image file found in a dataset.
public struct DatasetSample: Sendable, Equatable {
    /// Absolute path.
    public let path: String
    /// Path relative to the dataset root, with "/" separators.
    public let relativePath: String
    public let split: DatasetSplit
    /// "good" or the defect kind (MVTec), or the first folder name (plain folder with a
    /// good/, ok/ or normal/ folder); nil for unlabelled images.
    public let label: String?
    /// Absolute path of the pixel mask, when one was found.
    public let maskPath: String?

    public init(path: String, relativePath: String, split: DatasetSplit, label: String?, maskPath: String?) {
        self.path = path
        self.relativePath = relativePath
        self.split = split
        self.label = label
        self.maskPath = maskPath
    }

    /// true for "good", false for any other label, nil when unlabelled.
    public var isNormal: Bool? { label.map { $0 == Dataset.normalLabel } }
}
