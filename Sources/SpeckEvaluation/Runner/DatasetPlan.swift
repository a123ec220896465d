import SpeckImaging

/// Which images of a dataset a detector learns from and which it is tested on.
///
/// MVTec layout: train/good to learn, test/ to test. A plain folder with
/// labels: every 5th "good" image (in path order) is held out for testing
/// together with the defect images, the other good images are learned from;
/// without defect labels every good (or unlabelled) image is learned from.
public struct DatasetPlan: Sendable {
    public let train: [DatasetSample]
    public let test: [DatasetSample]

    public init(dataset: Dataset) {
        switch dataset.layout {
        case .mvtec:
            train = dataset.samples(split: .train).filter { $0.isNormal == true }
            test = dataset.samples(split: .test).filter { $0.label != nil }
        case .folder:
            let good = dataset.samples.filter { $0.isNormal != false }
            let defects = dataset.samples.filter { $0.isNormal == false }
            if defects.isEmpty {
                train = good
                test = []
            } else {
                let labelledGood = good.filter { $0.isNormal == true }
                let heldOut = Set(labelledGood.enumerated().filter { $0.offset % 5 == 4 }.map(\.element.path))
                train = labelledGood.filter { !heldOut.contains($0.path) }
                test = labelledGood.filter { heldOut.contains($0.path) } + defects
            }
        }
    }

    public init(train: [DatasetSample], test: [DatasetSample]) {
        self.train = train
        self.test = test
    }

    /// Whether the detector learns from images none of which is known to be good
    /// (an unlabelled folder): it then assumes defects are rare.
    public var knowsNoGoodImage: Bool { !train.isEmpty && train.allSatisfy { $0.isNormal == nil } }

    /// What a fit on such images says first.
    public static func assumingRareDefects(_ count: Int) -> String {
        "no images known to be good: fitting on all \(count), assuming defects are rare"
    }

    /// Test images with a defect label.
    public var defective: [DatasetSample] { test.filter { $0.isNormal == false } }
    /// Distinct defect kinds, sorted.
    public var defectKinds: [String] { Array(Set(defective.compactMap(\.label))).sorted() }
}
