import XCTest
@testable import SpeckWorkspace

final class ScoringProgressTests: XCTestCase {
    func testTheSummaryGroupsThousands() {
        let progress = ScoringProgress(model: "m3", scored: 61_204, images: 100_000, shards: ["0/4", "1/4", "2/4", "3/4"])
        XCTAssertEqual(progress.summary, "model m3: 61,204 of 100,000 images scored (4 shards seen: 0/4, 1/4, 2/4, 3/4)")
        XCTAssertEqual(ScoringProgress(model: "m1", scored: 999, images: 1_000, shards: []).summary,
                       "model m1: 999 of 1,000 images scored")
    }
}
