import XCTest
@testable import SpeckEvaluation

final class RankedOutcomesTests: XCTestCase {
    func testPerfectSeparationGivesOne() throws {
        let outcomes = try RankedOutcomes(scores: [0.1, 0.2, 0.8, 0.9], labels: [false, false, true, true])
        XCTAssertEqual(try outcomes.auroc(), 1, accuracy: 1e-12)
    }

    func testInvertedRankingGivesZero() throws {
        let outcomes = try RankedOutcomes(scores: [0.9, 0.8, 0.2, 0.1], labels: [false, false, true, true])
        XCTAssertEqual(try outcomes.auroc(), 0, accuracy: 1e-12)
    }

    func testTiesCountHalf() throws {
        // Pairs (pos, neg): pos 0.5 vs neg 0.5 tie (1/2), pos 0.5 vs neg 0.2 win,
        // pos 0.9 beats both: (1/2 + 1 + 1 + 1) / 4 = 0.875.
        let outcomes = try RankedOutcomes(scores: [0.5, 0.9, 0.5, 0.2], labels: [true, true, false, false])
        XCTAssertEqual(try outcomes.auroc(), 0.875, accuracy: 1e-12)
    }

    func testHandCountedMixedRanking() throws {
        // Positives 0.3, 0.7; negatives 0.1, 0.4, 0.8. Wins: 0.3 beats 0.1 (1);
        // 0.7 beats 0.1, 0.4 (2). 3 of 6 pairs.
        let outcomes = try RankedOutcomes(scores: [0.3, 0.7, 0.1, 0.4, 0.8], labels: [true, true, false, false, false])
        XCTAssertEqual(try outcomes.auroc(), 0.5, accuracy: 1e-12)
    }

    func testAllEqualScoresGiveHalf() throws {
        let outcomes = try RankedOutcomes(scores: [3, 3, 3, 3, 3], labels: [true, false, false, true, false])
        XCTAssertEqual(try outcomes.auroc(), 0.5, accuracy: 1e-12)
        XCTAssertEqual(outcomes.groups.count, 1)
    }

    func testOneClassOnlyIsAClearError() throws {
        let outcomes = try RankedOutcomes(scores: [0.1, 0.2], labels: [false, false])
        XCTAssertThrowsError(try outcomes.auroc(what: "image AUROC")) { error in
            guard case EvaluationError.singleClass(let why) = error else { return XCTFail("wrong error \(error)") }
            XCTAssertTrue(why.contains("image AUROC"), why)
            XCTAssertTrue(why.contains("normal"), why)
        }
        XCTAssertThrowsError(try outcomes.f1Max())
    }

    func testMismatchedLengthsAndNaNAreRefused() {
        XCTAssertThrowsError(try RankedOutcomes(scores: [0.1], labels: [true, false]))
        XCTAssertThrowsError(try RankedOutcomes(scores: [.nan, 0.1], labels: [true, false]))
    }

    func testF1MaxAndItsThreshold() throws {
        // Sorted: 0.9 P, 0.8 N, 0.6 P, 0.3 N. Thresholds: >=0.9: F1 = 2/(1+2) = 0.667;
        // >=0.8: 2/(2+2) = 0.5; >=0.6: 4/(3+2) = 0.8; >=0.3: 4/(4+2) = 0.667.
        let outcomes = try RankedOutcomes(scores: [0.9, 0.8, 0.6, 0.3], labels: [true, false, true, false])
        let best = try outcomes.f1Max()
        XCTAssertEqual(best.f1, 0.8, accuracy: 1e-12)
        XCTAssertEqual(best.threshold, 0.45, accuracy: 1e-6) // midway between 0.6 and 0.3
    }

    func testF1ThresholdWithTiesKeepsTheWholeGroup() throws {
        let outcomes = try RankedOutcomes(scores: [0.5, 0.5, 0.1], labels: [true, false, false])
        let best = try outcomes.f1Max()
        XCTAssertEqual(best.f1, 2.0 / 3.0, accuracy: 1e-12) // tp 1, fp 1, fn 0
        XCTAssertEqual(best.threshold, 0.3, accuracy: 1e-6)
    }

    func testQuantileInterpolatesLikeNumpy() throws {
        XCTAssertEqual(try quantile([1, 2, 3, 4], 0.5), 2.5)
        XCTAssertEqual(try quantile([4, 1, 3, 2], 0.99), 3.97, accuracy: 1e-5)
        XCTAssertEqual(try quantile([7], 0.99), 7)
        XCTAssertThrowsError(try quantile([], 0.5))
    }
}
