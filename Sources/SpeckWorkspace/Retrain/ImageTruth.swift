import SpeckImaging

/// One image of the workspace with what is known about it: its dataset
/// sample (split, folder label, mask), its row, and its label in force.
public struct KnownImage: Sendable {
    public var sample: DatasetSample
    public var record: ImageRecord
    public var label: LabelVerdict?

    /// Whether the image is anomalous: the inspector's label wins over the
    /// folder it sits in; nil when neither says.
    public var isAnomalous: Bool? {
        switch label {
        case .normal: return false
        case .anomalous: return true
        case .cleared, nil: return sample.isNormal.map { !$0 }
        }
    }

    /// The dataset sample with the truth above as its label, for the scorer
    /// and the calibrator (a labelled false positive counts as "good").
    var sampleWithTruth: DatasetSample {
        guard let label, label != .cleared else { return sample }
        let newLabel = label == .normal ? Dataset.normalLabel : (sample.isNormal == false ? sample.label! : "labelled-anomalous")
        return DatasetSample(path: sample.path, relativePath: sample.relativePath, split: sample.split,
                             label: newLabel, maskPath: label == .normal ? nil : sample.maskPath)
    }
}

extension Workspace {
    /// Every present image that the dataset listing recognises, with its row
    /// and label. Rescans first so rows exist for every file.
    public func knownImages() throws -> (images: [KnownImage], dataset: Dataset) {
        try Rescanner(workspace: self).rescan()
        let dataset = try Dataset.discover(at: location.imageRoot.path)
        let rows = Dictionary(try images().filter { $0.missingSince == nil }.map { ($0.path, $0) },
                              uniquingKeysWith: { first, _ in first })
        let labels = Dictionary(try currentLabels().map { ($0.path, $0.verdict) }, uniquingKeysWith: { _, last in last })
        let known = dataset.samples.compactMap { sample -> KnownImage? in
            guard let record = rows[sample.relativePath] else { return nil }
            return KnownImage(sample: sample, record: record, label: labels[sample.relativePath])
        }
        return (known, dataset)
    }
}
