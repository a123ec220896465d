import Foundation

/// What `speck eval --detector a,b,...` produced: one row per entry on one
/// dataset. Encodes to the `--json` file and to the workspace's last comparison.
public struct DetectorComparison: Sendable, Codable, Equatable {
    public var dataset: String
    /// The resize every entry used; nil when detectors used their own different ones.
    public var resize: Int?
    public var crop: Int?
    /// Seeds asked for per entry (`--seeds`); detectors without a seed ran once.
    public var seeds: Int
    public var trainImages: Int
    public var testImages: Int
    /// When the comparison finished (ISO 8601, UTC).
    public var finished: String
    public var rows: [ComparisonRow]

    public init(dataset: String, resize: Int?, crop: Int?, seeds: Int, trainImages: Int, testImages: Int,
                finished: String, rows: [ComparisonRow]) {
        self.dataset = dataset
        self.resize = resize
        self.crop = crop
        self.seeds = seeds
        self.trainImages = trainImages
        self.testImages = testImages
        self.finished = finished
        self.rows = rows
    }

    enum CodingKeys: String, CodingKey {
        case dataset, resize, crop, seeds, finished, rows
        case trainImages = "train_images", testImages = "test_images"
    }

    /// "patchcore 384, padim 256": each detector's resize, when they differ.
    public var resizeByDetector: String {
        var seen: [String] = []
        for row in rows where row.resize != nil && !seen.contains(where: { $0.hasPrefix(row.detector + " ") }) {
            seen.append("\(row.detector) \(row.resize!)")
        }
        return seen.joined(separator: ", ")
    }

    public func encodedJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> DetectorComparison {
        try JSONDecoder().decode(DetectorComparison.self, from: data)
    }
}
