import Foundation
import SpeckEvaluation
import XCTest
@testable import SpeckWorkspace

/// The workspace keeps the last detector comparison for the train dialog.
final class LastComparisonTests: XCTestCase {
    private func comparison(_ entries: [String]) -> DetectorComparison {
        DetectorComparison(dataset: "/data/set", resize: 256, crop: 224, seeds: 1, trainImages: 10, testImages: 8,
                           finished: "2026-11-30T06:00:00Z",
                           rows: entries.map { ComparisonRow(entry: $0, detector: $0, error: "test row") })
    }

    func testStoresReplacesAndReadsBack() throws {
        let folder = try TemporaryFolder()
        let workspace = try Workspace.create(imageRoot: folder.path)
        XCTAssertNil(try workspace.lastComparison())
        try workspace.saveLastComparison(comparison(["padim"]))
        try workspace.saveLastComparison(comparison(["patchcore", "lbp"]))
        let reopened = try Workspace.find(explicit: nil, startingFrom: [folder.path])
        XCTAssertEqual(try reopened.lastComparison(), comparison(["patchcore", "lbp"]))
    }

    func testADamagedFileIsAnErrorNamingIt() throws {
        let folder = try TemporaryFolder()
        let workspace = try Workspace.create(imageRoot: folder.path)
        try Data("{ not json".utf8).write(to: workspace.lastComparisonURL)
        XCTAssertThrowsError(try workspace.lastComparison()) { error in
            XCTAssertTrue("\(error)".contains("last-comparison.json"), "\(error)")
        }
    }
}
