import Foundation
import XCTest
@testable import SpeckWorkspace

/// Making and opening a team workspace: two `speck init`s at once, and a
/// machine that mounts the images somewhere else.
final class PostgresWorkspaceSetupTests: XCTestCase {
    /// Two inits on one empty database at the same moment: one makes the
    /// workspace, the other is told it exists; the schema is whole.
    func testTwoInitsAtOnceMakeOneWholeWorkspace() throws {
        let server = try PostgresTestServer.shared()
        for _ in 0 ..< 4 {
            let address = try StoreAddress(parsing: try server.newDatabase())
            let folders = [try TemporaryFolder(), try TemporaryFolder()]
            let roots = folders.map(\.path)
            let outcomes = FailureList()
            DispatchQueue.concurrentPerform(iterations: folders.count) { index in
                do {
                    _ = try Workspace.create(imageRoot: roots[index], store: address, blobs: roots[index] + "/blobs")
                    outcomes.append("made \(index)")
                } catch WorkspaceError.alreadyExists(let store) {
                    XCTAssertEqual(store, address.description)
                    outcomes.append("exists")
                } catch {
                    outcomes.append("\(error)")
                }
            }
            let made = try XCTUnwrap(outcomes.all.first { $0.hasPrefix("made") }, "\(outcomes.all)")
            XCTAssertEqual(outcomes.all.sorted(), [made, "exists"].sorted(), "one made it, the other was told")
            let winner = folders[Int(made.dropFirst(5))!]
            let opened = try Workspace.open(address)
            XCTAssertEqual(try opened.appliedMigrations(), PostgresSchemaMigrations.steps.map(\.identifier).sorted())
            XCTAssertEqual(opened.location.imageRoot.path, URL(fileURLWithPath: winner.path).standardizedFileURL.path)
            XCTAssertEqual(opened.location.storeFolder.path,
                           URL(fileURLWithPath: winner.path + "/blobs").standardizedFileURL.path, "both settings of the same init")
        }
    }

    /// `speck init` twice from the command line: the second says the workspace exists.
    func testASecondInitSaysTheWorkspaceExists() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let folder = try TemporaryFolder()
        try folder.write("a.png")
        let first = try SpeckBinary.run(["init", folder.path, "--store", store, "--blobs", folder.path + "/blobs"])
        XCTAssertEqual(first.status, 0, first.err)
        let second = try SpeckBinary.run(["init", folder.path, "--store", store, "--blobs", folder.path + "/blobs"])
        XCTAssertNotEqual(second.status, 0)
        XCTAssertTrue(second.err.contains("already holds a Speck workspace"), second.err)
    }

    /// A scoring machine mounts the images elsewhere: `--image-root` (or
    /// `SPECK_IMAGE_ROOT`) points there and the recorded relative paths resolve.
    func testAnotherMachineFindsTheImagesUnderItsOwnRoot() throws {
        let server = try PostgresTestServer.shared()
        let store = try server.newDatabase()
        let here = try TemporaryFolder(), there = try TemporaryFolder()
        for folder in [here, there] { try folder.write("cam1/a.png", "bytes of a") }
        let made = try Workspace.create(imageRoot: here.path, store: try StoreAddress(parsing: store), blobs: here.path + "/blobs")
        try Rescanner(workspace: made).rescan()
        try FileManager.default.removeItem(atPath: here.path + "/cam1")  // not mounted at the recorded place here

        let elsewhere = try Workspace.find(explicit: nil, store: store, environment: ["SPECK_IMAGE_ROOT": there.path])
        XCTAssertEqual(elsewhere.location.absolutePath(ofImage: "cam1/a.png"),
                       URL(fileURLWithPath: there.path).standardizedFileURL.path + "/cam1/a.png")
        XCTAssertTrue(FileManager.default.fileExists(atPath: elsewhere.location.absolutePath(ofImage: "cam1/a.png")))
        XCTAssertEqual(try Rescanner(workspace: elsewhere).rescan().removed, [], "every image is found under the new root")
        XCTAssertNil(try elsewhere.image(path: "cam1/a.png")?.missingSince)
        let explicit = try Workspace.find(explicit: nil, store: store, imageRoot: there.path, environment: [:])
        XCTAssertEqual(explicit.location.imageRoot, elsewhere.location.imageRoot)
        XCTAssertEqual(try Workspace.open(try StoreAddress(parsing: store)).location.imageRoot.path,
                       URL(fileURLWithPath: here.path).standardizedFileURL.path, "the recorded root stays for the others")
        XCTAssertThrowsError(try Workspace.find(explicit: nil, store: store, imageRoot: there.path + "/nowhere", environment: [:])) {
            XCTAssertTrue("\($0)".contains("nowhere"), "\($0)")
        }
    }
}
