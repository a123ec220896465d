import Foundation
import XCTest
@testable import SpeckWorkspace

/// The server restarts (stopped at once, as in a crash) between two batches
/// of a scoring run: the next batch goes in on a new connection, nothing
/// committed before is lost.
final class PostgresRestartTests: XCTestCase {
    func testWritesGoOnAfterTheServerRestarts() throws {
        let server = try PostgresTestServer.shared()
        let folder = try TemporaryFolder()
        for i in 0 ..< 4 { try folder.write("\(i).png") }
        let workspace = try Workspace.create(imageRoot: folder.path, store: try StoreAddress(parsing: try server.newDatabase()),
                                             blobs: folder.path + "/.blobs")
        try Rescanner(workspace: workspace).rescan()
        let model = try StoreFixtures.recordModel(in: workspace)
        let ids = try workspace.images().map { $0.id! }
        try workspace.saveScores(ids.prefix(2).map { ScoredImage(imageId: $0, raw: 1, normalised: nil) }, modelId: model.id!)

        try server.restart()
        try workspace.saveScores(ids.suffix(2).map { ScoredImage(imageId: $0, raw: 2, normalised: nil) }, modelId: model.id!)
        XCTAssertEqual(try workspace.scores(modelId: model.id!).count, 4)
    }
}
