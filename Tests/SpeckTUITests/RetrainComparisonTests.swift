@testable import SpeckTUI
import SpeckWorkspace
import XCTest

/// The before/after table of a retrain, counted by hand on five images.
final class RetrainComparisonTests: XCTestCase {
    func testCountsAndFalsePositivesAtTheOldRecall() {
        // (anomalous, training, old score, new score)
        let images: [(Bool, Bool, Double, Double)] = [
            (true, false, 0.9, 0.9), (false, false, 0.8, 0.3), (true, false, 0.4, 0.7),
            (false, false, 0.1, 0.1), (false, true, 0.85, 0.2),
        ]
        let entries = images.enumerated().map { index, image in
            ImageEntry(id: index, relativePath: "\(index).png", path: "/\(index).png",
                       groundTruth: image.0 ? .anomalous(kind: "crack") : .normal, isTraining: image.1)
        }
        func scores(_ value: (Int, (Bool, Bool, Double, Double)) -> Double, model: Int64) -> [Int64: ScoreRecord] {
            Dictionary(uniqueKeysWithValues: images.enumerated().map { index, image in
                (Int64(index + 10), ScoreRecord(modelId: model, imageId: Int64(index + 10), raw: value(index, image), normalised: nil))
            })
        }
        let comparison = RetrainComparison(
            entries: entries, imageIds: Dictionary(uniqueKeysWithValues: (0 ..< images.count).map { ($0, Int64($0 + 10)) }),
            before: ("v1", scores({ $1.2 }, model: 1), 0.3), after: ("v2", scores({ $1.3 }, model: 2), 0.5),
            trainingBefore: 1, trainingAfter: 1)
        let rows = comparison.lines().map { $0.split(separator: " ").map(String.init) }
        // Held out, old at 0.3: TP 0.9 and 0.4, FP 0.8, TN 0.1; new at 0.5: TP 0.9 and 0.7, TN 0.3 and 0.1.
        XCTAssertTrue(rows.contains(["TP/FP/FN/TN", "2/1/0/1", "2/0/0/2"]), "\(rows)")
        // Recall 1 needs every anomalous image: old cut 0.4 flags 0.8 and the training image's 0.85; new cut 0.7 none.
        XCTAssertTrue(rows.contains(["FP", "at", "recall", "1.00", "2", "0"]), "\(rows)")
    }
}
