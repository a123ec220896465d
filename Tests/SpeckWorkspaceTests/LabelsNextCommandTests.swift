import Foundation
import SpeckDetectors
import XCTest
@testable import SpeckWorkspace

/// `speck labels next` through the built binary: the same order and reasons as the workspace's queue.
final class LabelsNextCommandTests: XCTestCase {
    private func speck(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try SpeckBinary.run(arguments)
    }

    func testPrintsTheQueueWithReasonsInTheWorkspaceOrder() throws {
        let folder = try TemporaryFolder()
        for name in ["a", "b", "c", "e"] { try folder.write("\(name).png") }
        let workspace = try Workspace.create(imageRoot: folder.path)
        try Rescanner(workspace: workspace).rescan()
        let ids = Dictionary(uniqueKeysWithValues: try workspace.images().map { ($0.path, $0.id!) })
        let model = try StoreFixtures.recordModel(in: workspace)  // threshold 1.5
        func hot(_ cell: Int) -> AnomalyMap { AnomalyMap(width: 8, height: 8, values: (0..<64).map { $0 == cell ? 9 : 0 }) }
        try workspace.saveScores([
            ScoredImage(imageId: ids["a.png"]!, raw: 2.9, normalised: nil, map: hot(3)),
            ScoredImage(imageId: ids["b.png"]!, raw: 3.0, normalised: nil, map: hot(3)),
            ScoredImage(imageId: ids["c.png"]!, raw: 2.8, normalised: nil, map: hot(60)),
            ScoredImage(imageId: ids["e.png"]!, raw: 0.1, normalised: nil),
        ], modelId: model.id!)
        let store = workspace.location.storeFolder.path

        let result = try speck(["labels", "next", "--count", "3", "--workspace", store])
        XCTAssertEqual(result.status, 0, result.err)
        let lines = result.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "queue of m1 at threshold 1.500")
        let rows = lines.dropFirst().prefix(3).map { $0.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) } }
        XCTAssertEqual(rows.map { $0[1] }, ["c.png", "a.png", "b.png"], "the same order as Workspace.labellingQueue")
        XCTAssertEqual(try workspace.labellingQueue(model: model).prefix(3).map(\.path), ["c.png", "a.png", "b.png"])
        XCTAssertEqual(rows[1][3], "93% above the threshold; unlike the other flagged images: nearest flagged one is c.png at distance "
            + String(format: "%.3f", (2 * 36.0 / 64).squareRoot()))
        XCTAssertEqual(rows[2][3], "100% above the threshold; looks like a.png (distance 0.000): pushed back")
        XCTAssertEqual(lines.last, "4 images in the queue of m1; showing 3")

        let bad = try speck(["labels", "next", "--count", "0", "--workspace", store])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.err.contains("--count must be at least 1"), bad.err)
    }
}
