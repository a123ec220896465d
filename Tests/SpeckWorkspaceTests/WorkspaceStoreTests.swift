import GRDB
import XCTest
@testable import SpeckWorkspace

final class WorkspaceStoreTests: XCTestCase {
    func testCreateMakesAWALDatabaseWithEverySchemaStep() throws {
        let folder = try TemporaryFolder()
        let workspace = try Workspace.create(imageRoot: folder.path)
        XCTAssertEqual(workspace.location.storeFolder.path, folder.path + "/.speck")
        let journal = try workspace.database.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(journal, "wal")
        let synchronous = try workspace.database.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        XCTAssertEqual(synchronous, 2, "synchronous = FULL")
        XCTAssertEqual(try workspace.appliedMigrations(), ["v1", "v2-scoring-time-and-score-order", "v3-covering-score-index", "v4-ranked-score-index",
                                                        "v5-threshold-targets", "v6-label-batches"])
    }

    func testCreatingTwiceIsRefused() throws {
        let folder = try TemporaryFolder()
        _ = try Workspace.create(imageRoot: folder.path)
        XCTAssertThrowsError(try Workspace.create(imageRoot: folder.path)) { error in
            XCTAssertEqual(error as? WorkspaceError, .alreadyExists(folder.path + "/.speck"))
        }
    }

    func testDiscoveryWalksUpFromAPathLikeGit() throws {
        let folder = try TemporaryFolder()
        let image = try folder.write("test/crack/001.png")
        _ = try Workspace.create(imageRoot: folder.path)
        for start in [image, folder.path + "/test/crack", folder.path + "/test", folder.path] {
            let found = try Workspace.find(explicit: nil, startingFrom: [start])
            XCTAssertEqual(found.location.imageRoot.path, folder.path, "from \(start)")
        }
    }

    func testNoWorkspaceFoundNamesSpeckInit() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.png")
        XCTAssertThrowsError(try Workspace.find(explicit: nil, startingFrom: [folder.path + "/a.png"])) { error in
            XCTAssertTrue("\(error)".contains("speck init"), "\(error)")
            XCTAssertTrue("\(error)".contains(folder.path), "\(error)")
        }
        XCTAssertThrowsError(try Workspace.find(explicit: folder.path)) { error in
            XCTAssertTrue("\(error)".contains("speck init"), "\(error)")
        }
    }

    func testStoreOutsideTheImageRootKeepsAnAbsoluteRoot() throws {
        let images = try TemporaryFolder()
        let store = try TemporaryFolder()
        try images.write("train/good/1.png")
        _ = try Workspace.create(imageRoot: images.path, storeFolder: store.path + "/ws")
        let reopened = try Workspace.find(explicit: store.path + "/ws")
        XCTAssertEqual(reopened.location.imageRoot.path, images.path)
        XCTAssertEqual(reopened.location.relativePath(of: images.path + "/train/good/1.png"), "train/good/1.png")
        XCTAssertNil(reopened.location.relativePath(of: store.path + "/x.png"))
    }

    func testMovingAWorkspaceWithItsImagesKeepsItWorking() throws {
        let parent = try TemporaryFolder()
        let original = parent.path + "/before"
        try FileManager.default.createDirectory(atPath: original, withIntermediateDirectories: true)
        let workspace = try Workspace.create(imageRoot: original)
        try workspace.database.close()
        try FileManager.default.moveItem(atPath: original, toPath: parent.path + "/after")
        let moved = try Workspace.find(explicit: nil, startingFrom: [parent.path + "/after"])
        XCTAssertEqual(moved.location.imageRoot.path, parent.path + "/after")
    }
}
