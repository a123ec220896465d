import Foundation

/// The images of a dataset folder, with their split, label and mask, plus what was
/// skipped or could not be listed. Listing never opens image files, so it stays fast
/// (10,000 files well under a second: `speck bench list`).
public struct Dataset: Sendable {
    /// The label of defect-free images.
    public static let normalLabel = "good"
    /// Plain-folder names of defect-free images (compared in lower case); their
    /// presence makes the sibling folders defect labels.
    public static let normalFolderNames: Set<String> = ["good", "ok", "normal"]
    /// File extensions treated as images (case-insensitive). Decoding sniffs the content.
    public static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "jpe", "jfif"]

    public let root: String
    public let layout: DatasetLayout
    /// Sorted by relative path.
    public let samples: [DatasetSample]
    public let problems: [DatasetProblem]
    public let skippedHidden: Int
    public let skippedNonImage: Int

    public init(root: String, layout: DatasetLayout, samples: [DatasetSample], problems: [DatasetProblem],
                skippedHidden: Int, skippedNonImage: Int) {
        self.root = root
        self.layout = layout
        self.samples = samples
        self.problems = problems
        self.skippedHidden = skippedHidden
        self.skippedNonImage = skippedNonImage
    }

    /// Lists `root`: the MVTec layout when it has train/good, or test/ next to
    /// ground_truth/; otherwise a plain folder, searched recursively. Throws only when the
    /// root itself cannot be listed; problems below it are collected in `problems`.
    public static func discover(at root: String) throws -> Dataset {
        let absoluteRoot = DatasetDiscovery.absolute(root)
        let listing = try DirectoryListing(root: absoluteRoot)
        return DatasetDiscovery(root: absoluteRoot, listing: listing).dataset()
    }

    public func samples(split: DatasetSplit) -> [DatasetSample] { samples.filter { $0.split == split } }
}
