import Foundation
import XCTest

/// Two workstations on one PostgreSQL workspace: a label, or a batch, set in
/// one shows in the other without a key press; `u` in the other undoes the
/// whole batch, and the first shows that too.
extension WorkstationScreenTests {
    func testLabelsSetInOneWorkstationShowInTheOther() throws {
        let server = try TeamStoreServer()
        defer { server.stop() }
        let store = ["--store", server.address, "--blobs", folder.path + "/.blobs"]
        XCTAssertEqual(try TmuxSession.spawnAndWait([try TestFixtures.speckBinary(), "init", folder.path] + store), 0)
        let first = try open(arguments: store), second = try open(arguments: store)
        _ = try waitForList(first)
        let before = try waitForList(second)
        XCTAssertFalse(before.contains("✓"), "nothing labelled yet")

        try first.sendKeys("f")
        let labelled = try second.waitFor(text: "labelled normal in another workstation")
        XCTAssertEqual(labelled.components(separatedBy: "✓").count - 1, 1, "the other workstation marks the image:\n\(labelled)")

        // A batch of three in the first; the second undoes it from one of its images.
        try first.sendKeys("j", "V", "j", "j", "a")
        let batch = try second.waitFor(text: "3 labels changed in another workstation")
        XCTAssertEqual(batch.components(separatedBy: "✗").count - 1, 3, "\(batch)")
        try second.sendKeys("j", "u")
        _ = try second.waitFor(text: "batch of 3 labels undone")
        let undone = try first.waitFor(text: "3 labels changed in another workstation")
        XCTAssertFalse(undone.contains("✗"), "the whole batch is undone in the first workstation too:\n\(undone)")
        XCTAssertEqual(undone.components(separatedBy: "✓").count - 1, 1, "the single label stays")
    }
}
