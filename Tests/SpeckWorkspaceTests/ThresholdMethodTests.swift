import SpeckEvaluation
import SpeckWorkspace
import XCTest

/// A model file trained for a target (`speck train --threshold`) keeps its
/// method and target when the workspace records its threshold.
final class ThresholdMethodTests: XCTestCase {
    func testTargetWordsOfAModelFileReadBackAsMethodAndTarget() throws {
        let cases: [(ThresholdTarget, ThresholdMethod)] = [
            (.recall(1), .targetRecall), (.falsePositiveRate(0.25), .targetFalsePositiveRate),
            (.precision(0.5), .targetPrecision), (.f1, .autoF1), (.quantile(0.5), .normalQuantile),
        ]
        for (target, method) in cases {
            let words = try TargetThreshold(target, scores: [0.9, 0.8, 0.3], anomalous: [true, false, false]).method
            XCTAssertEqual(ThresholdMethod(describedAs: words), method, words)
            XCTAssertEqual(ThresholdTarget(describedIn: words), target, words)
        }
    }

    func testAutomaticWordsHaveNoTarget() {
        let f1 = "F1-optimal on 83 labelled images (20 defective)"
        XCTAssertEqual(ThresholdMethod(describedAs: f1), .autoF1)
        XCTAssertNil(ThresholdTarget(describedIn: f1))
        let quantile = "99% quantile of the scores of 20 held-out normal images"
        XCTAssertEqual(ThresholdMethod(describedAs: quantile), .normalQuantile)
        XCTAssertNil(ThresholdTarget(describedIn: quantile))
    }
}
