import SpeckEvaluation
import XCTest

/// Thresholds for a target recall, false-positive rate, precision, F1 or
/// normal quantile, on hand-made scores whose answers are worked out by hand.
final class TargetThresholdTests: XCTestCase {
    // Highest first: P N P N P N N (P = anomalous).
    let scores: [Float] = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3]
    let anomalous = [true, false, true, false, true, false, false]

    private func choose(_ spec: String, _ scores: [Float]? = nil, _ anomalous: [Bool]? = nil) throws -> TargetThreshold {
        try TargetThreshold(try ThresholdTarget(parsing: spec), scores: scores ?? self.scores, anomalous: anomalous ?? self.anomalous)
    }

    private func assertCounts(_ chosen: TargetThreshold, _ tp: Int, _ fp: Int, _ fn: Int, _ tn: Int,
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual([chosen.truePositives, chosen.falsePositives, chosen.falseNegatives, chosen.trueNegatives],
                       [tp, fp, fn, tn], "\(chosen.method)", file: file, line: line)
    }

    func testRecallTakesTheHighestThresholdThatFindsTheShare() throws {
        let all = try choose("recall=1.0")
        XCTAssertEqual(all.threshold, 0.45, accuracy: 1e-6, "just below the lowest defect, above the next normal")
        assertCounts(all, 3, 2, 0, 2)
        XCTAssertNil(all.shortfall)
        let half = try choose("recall=0.5")  // 1.5 of 3 defects: 2 are needed
        XCTAssertEqual(half.threshold, 0.65, accuracy: 1e-6)
        assertCounts(half, 2, 1, 1, 3)
        XCTAssertEqual(try choose("recall=0.6666666666666666").threshold, 0.65, accuracy: 1e-6,
                       "2/3 of 3 needs 2 defects, not 3, despite rounding")
    }

    func testFalsePositiveRateTakesTheLowestThresholdWithinIt() throws {
        let none = try choose("fpr=0")
        XCTAssertEqual(none.threshold, 0.85, accuracy: 1e-6)
        assertCounts(none, 1, 0, 2, 4)
        let quarter = try choose("fpr=0.25")  // at most 1 of 4 normals
        XCTAssertEqual(quarter.threshold, 0.65, accuracy: 1e-6)
        assertCounts(quarter, 2, 1, 1, 3)
    }

    func testPrecisionTakesTheLowestThresholdThatKeepsIt() throws {
        let exact = try choose("precision=1")
        XCTAssertEqual(exact.threshold, 0.85, accuracy: 1e-6)
        assertCounts(exact, 1, 0, 2, 4)
        let sixty = try choose("precision=0.6")  // 3 of 5 flagged at 0.5
        XCTAssertEqual(sixty.threshold, 0.45, accuracy: 1e-6)
        assertCounts(sixty, 3, 2, 0, 2)
    }

    func testF1AndQuantileMatchTheAutomaticMethods() throws {
        let f1 = try choose("f1")  // best F1 0.75 with the three highest defects and two normals flagged
        XCTAssertEqual(f1.threshold, try RankedOutcomes(scores: scores, labels: anomalous).f1Max().threshold)
        assertCounts(f1, 3, 2, 0, 2)
        let median = try choose("quantile=0.5")  // normals 0.3 0.4 0.6 0.8: median 0.5
        XCTAssertEqual(median.threshold, 0.5, accuracy: 1e-6)
        assertCounts(median, 3, 2, 0, 2)
    }

    func testTiesAreNeverSplit() throws {
        let scores: [Float] = [0.9, 0.5, 0.5, 0.5, 0.2]
        let anomalous = [true, true, false, false, false]
        let all = try choose("recall=1", scores, anomalous)
        XCTAssertEqual(all.threshold, 0.35, accuracy: 1e-6, "the defect at 0.5 brings its two tied normals with it")
        assertCounts(all, 2, 2, 0, 1)
        let low = try choose("fpr=0.4", scores, anomalous)  // 0.5's tie would flag 2 of 3 normals
        XCTAssertEqual(low.threshold, 0.7, accuracy: 1e-6)
        assertCounts(low, 1, 0, 1, 3)
    }

    func testUnreachableTargetsTakeTheNearestAndSaySo() throws {
        // The highest score is a normal tied with a defect: no threshold flags anything without a false positive.
        let flagNothing = try choose("fpr=0", [0.9, 0.9, 0.1], [true, false, false])
        XCTAssertGreaterThan(flagNothing.threshold, 0.9)
        assertCounts(flagNothing, 0, 0, 1, 2)
        XCTAssertTrue(flagNothing.shortfall?.contains("flags none") ?? false, "\(flagNothing.method)")
        // Precision never reaches 0.9: the best is 0.5, taken at the lowest threshold achieving it.
        let best = try choose("precision=0.9", [0.9, 0.8, 0.7, 0.6], [false, true, false, true])
        XCTAssertEqual(best.threshold, 0.6, accuracy: 1e-6)
        assertCounts(best, 2, 2, 0, 0)
        XCTAssertTrue(best.shortfall?.contains("not reachable") ?? false, "\(best.method)")
        XCTAssertTrue(best.method.contains("0.5"), best.method)
    }

    func testTargetsThatNeedAClassThatIsMissingFailClearly() {
        let normals: [Float] = [0.3, 0.2], noDefects = [false, false]
        for spec in ["recall=1", "precision=0.9", "f1"] {
            XCTAssertThrowsError(try choose(spec, normals, noDefects), spec) { error in
                XCTAssertTrue("\(error)".contains("anomalous"), "\(spec): \(error)")
            }
        }
        for spec in ["fpr=0.01", "quantile=0.99"] {
            XCTAssertThrowsError(try choose(spec, [0.3, 0.2], [true, true]), spec) { error in
                XCTAssertTrue("\(error)".contains("normal"), "\(spec): \(error)")
            }
        }
        XCTAssertThrowsError(try choose("recall=1", [], [])) { error in
            XCTAssertTrue("\(error)".contains("no labelled images"), "\(error)")
        }
    }

    func testParsingReadsEveryFormAndNamesBadValues() throws {
        XCTAssertEqual(try ThresholdTarget(parsing: "recall=1.0"), .recall(1))
        XCTAssertEqual(try ThresholdTarget(parsing: " FPR = 0.01 "), .falsePositiveRate(0.01))
        XCTAssertEqual(try ThresholdTarget(parsing: "precision=0.95"), .precision(0.95))
        XCTAssertEqual(try ThresholdTarget(parsing: "f1"), .f1)
        XCTAssertEqual(try ThresholdTarget(parsing: "quantile=0.99"), .quantile(0.99))
        for target in [ThresholdTarget.recall(1), .falsePositiveRate(0.01), .precision(0.95), .f1, .quantile(0.99)] {
            XCTAssertEqual(try ThresholdTarget(parsing: target.description), target, "\(target) reads back")
        }
        let bad = ["recall=2": "recall must be", "fpr=abc": "'abc' is not a number", "speed=1": "unknown target 'speed'",
                   "f1=0.5": "f1 takes no value", "precision": "precision needs a value", "": "no target given",
                   "quantile=1": "quantile must be between 0 and 1", "fpr=-0.1": "fpr must be"]
        for (text, reason) in bad {
            XCTAssertThrowsError(try ThresholdTarget(parsing: text), text) { error in
                XCTAssertTrue("\(error)".contains("'\(text)'") && "\(error)".contains(reason), "\(text): \(error)")
            }
        }
    }
}
