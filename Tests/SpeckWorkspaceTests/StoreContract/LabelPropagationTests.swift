import Foundation
import XCTest
@testable import SpeckWorkspace

/// Two workstations on one PostgreSQL workspace: a label committed by one
/// reaches the other through LISTEN/NOTIFY within a second.
final class LabelPropagationTests: XCTestCase {
    func testALabelSetOnOneWorkstationIsSignalledToTheOtherWithinASecond() throws {
        let server = try PostgresTestServer.shared()
        let folder = try TemporaryFolder()
        try folder.write("a.png")
        let address = try StoreAddress(parsing: try server.newDatabase())
        let first = try Workspace.create(imageRoot: folder.path, store: address, blobs: folder.path + "/.blobs")
        try Rescanner(workspace: first).rescan()
        let second = try Workspace.open(address)

        let signalled = DispatchSemaphore(value: 0)
        let watch = try XCTUnwrap(try second.watchLabels { signalled.signal() })
        defer { watch.stop() }
        XCTAssertEqual(signalled.wait(timeout: .now() + 0.3), .timedOut, "nothing is signalled before a label")

        let image = try XCTUnwrap(try first.image(path: "a.png"))
        let start = Date()
        try first.label([image], as: .anomalous, author: "alice")
        XCTAssertEqual(signalled.wait(timeout: .now() + 1), .success, "signalled within a second")
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
        XCTAssertEqual(try second.currentLabels().map(\.author), ["alice"], "and the other workstation reads it")

        watch.stop()
        try first.label([image], as: .normal, author: "alice")
        XCTAssertEqual(signalled.wait(timeout: .now() + 0.5), .timedOut, "a stopped watch is silent")
    }

    func testSQLiteWorkspacesHaveNoSignal() throws {
        let folder = try TemporaryFolder()
        let workspace = try Workspace.create(imageRoot: folder.path)
        XCTAssertNil(try workspace.watchLabels {})
    }
}
