import XCTest
@testable import SpeckImaging

final class DatasetSummaryTests: XCTestCase {
    func testCountsSizesMasksAndBadFiles() throws {
        let root = try temporaryFolder(self)
        for folder in ["train/good", "test/good", "test/scratch", "ground_truth/scratch"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        let grey = Image(width: 4, height: 3, channels: 1, fill: 0.5)
        try ImageIO.writePNG(grey, to: root + "/train/good/000.png")
        try ImageIO.writePNG(grey, to: root + "/train/good/001.png")
        try ImageIO.writePNG(grey.asRGB(), to: root + "/test/good/000.png")
        try ImageIO.writePNG(grey, to: root + "/test/scratch/000.png")
        try ImageIO.writePNG(grey, to: root + "/ground_truth/scratch/000_mask.png")
        try write([], to: root + "/test/scratch/001.png")

        let summary = DatasetSummary(dataset: try Dataset.discover(at: root))
        XCTAssertEqual(summary.groups, [
            DatasetSummary.Group(split: .train, label: "good", images: 2, masks: 0),
            DatasetSummary.Group(split: .test, label: "good", images: 1, masks: 0),
            DatasetSummary.Group(split: .test, label: "scratch", images: 2, masks: 1),
        ])
        XCTAssertEqual(summary.sizes, ["4x3 grey": 3, "4x3 RGB": 1])
        XCTAssertEqual(summary.masksFound, 1)
        XCTAssertEqual(summary.defectiveWithoutMask, 1)
        XCTAssertEqual(summary.badFiles.map(\.description), [root + "/test/scratch/001.png: empty file (0 bytes)"])
    }
}
