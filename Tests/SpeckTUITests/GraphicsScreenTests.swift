import Foundation
@testable import SpeckTUI
import XCTest

/// Terminal graphics driven in tmux. tmux shows no images, so what can be seen
/// is the choice: half-blocks by default, and with a forced protocol the
/// picture's cells left blank for the terminal's pixels.
extension WorkstationScreenTests {
    /// The image pane's title once its picture can have been drawn (not "loading…").
    func waitForPicture(_ session: TmuxSession, _ what: String, _ condition: @escaping (String) -> Bool) throws -> String {
        try session.waitFor(what) { $0.contains(".png · ") && !$0.contains("loading…") && condition($0) }
    }

    /// Opens with `arguments`, waits for a half-block picture, and checks what the help says about graphics.
    func checkHalfBlocks(arguments: [String], helpSays: String) throws {
        let session = try open(arguments: arguments)
        _ = try waitForList(session)
        _ = try waitForPicture(session, "a half-block picture") { $0.contains("▀") }
        try session.sendKeys("?")
        _ = try session.waitFor(text: helpSays)
    }

    func testAutoUnderTmuxDrawsHalfBlocks() throws {
        try checkHalfBlocks(arguments: [], helpSays: "graphics: blocks (tmux)")
    }

    func testGraphicsBlocksFlagDrawsHalfBlocks() throws {
        try checkHalfBlocks(arguments: ["--graphics", "blocks"], helpSays: "graphics: blocks (--graphics)")
    }

    func testForcedKittyLeavesThePictureCellsToTheTerminal() throws {
        let session = try open(arguments: ["--graphics", "kitty"])
        _ = try waitForList(session)
        _ = try waitForPicture(session, "the pane blank for the kitty picture") { !$0.contains("▀") }
        Thread.sleep(forTimeInterval: 1)
        XCTAssertFalse(try session.capture().contains("▀"), "the half-blocks do not come back")
        // The help overlay is text: the picture is taken away and the half-blocks show around the box.
        try session.sendKeys("?")
        _ = try session.waitFor("the help with half-blocks around it") {
            $0.contains("graphics: kitty (--graphics)") && $0.contains("▀")
        }
        try session.sendKeys("Escape")
        _ = try waitForPicture(session, "the pane blank again") { !$0.contains("▀") && !$0.contains("Keys (") }
    }

    /// The bytes the program writes, read through `tmux pipe-pane`: one picture per change, nothing while idle.
    func testKittyPicturesAreSentOncePerChangeAndDeletedForText() throws {
        let session = try open(arguments: ["--graphics", "kitty"])
        _ = try waitForList(session)
        let first = try waitForPicture(session, "the first picture") { !$0.contains("▀") }
        let capture = folder.appendingPathComponent("output.bin")
        _ = try TmuxSession.tmux(["pipe-pane", "-o", "-t", session.name, "cat > \(capture.path)"])
        Thread.sleep(forTimeInterval: 1.0)
        // What was sent before the key (on a loaded machine, the first picture may still be going out) is not counted.
        let before = KittyStream(try Data(contentsOf: capture)).transmissions.count
        let name = try XCTUnwrap(first.firstMatch(of: /╭ ([^ ]+\.png) ·/)?.output.1).description
        try session.sendKeys("j")
        _ = try waitForPicture(session, "the next picture") { !$0.contains(name + " ·") && !$0.contains("▀") }
        // Longer than the model watch's 2 s: nothing is sent while idle.
        Thread.sleep(forTimeInterval: 2.5)
        var stream = KittyStream(try Data(contentsOf: capture))
        XCTAssertEqual(stream.transmissions.count - before, 1, "one new picture, none while idle")
        let picture = try XCTUnwrap(stream.transmissions.last)
        XCTAssertEqual(picture.bytes, picture.number("s") * picture.number("v") * 3, "complete RGB data")
        let placement = try XCTUnwrap(stream.placements.last, "the picture is placed")
        XCTAssertEqual(placement["i"], picture.id)
        let columns = Int(placement["c"] ?? "") ?? -1, rows = Int(placement["r"] ?? "") ?? -1
        XCTAssertGreaterThan(columns, 10)
        // Device pixels: whole cells of the same size across and down.
        XCTAssertEqual(picture.number("s") % columns, 0)
        XCTAssertEqual(picture.number("v") % rows, 0)
        // The old picture is deleted (when the half-blocks show while the new one is prepared, or as it is placed).
        let pictureIds = Set([ImageSender.firstKittyId, ImageSender.firstKittyId + 1].map(String.init))
        XCTAssertFalse(stream.deletedIds.isEmpty)
        XCTAssertTrue(Set(stream.deletedIds).isSubset(of: pictureIds), "\(stream.deletedIds)")
        let deletesBefore = stream.deletedIds.count
        try session.sendKeys("?")
        _ = try session.waitFor(text: "graphics: kitty")
        Thread.sleep(forTimeInterval: 0.5)
        stream = KittyStream(try Data(contentsOf: capture))
        XCTAssertEqual(stream.deletedIds.count, deletesBefore + 1, "the help is text: the picture goes")
        XCTAssertEqual(stream.transmissions.count - before, 1)
    }

    func testUnknownGraphicsModeIsAnError() throws {
        let session = try open(arguments: ["--graphics", "png"])
        let screen = try session.waitFor(text: "[exited")
        XCTAssertTrue(screen.contains("unknown graphics mode 'png'"), screen)
    }

    /// Answers to the start-up queries that come too late (a slow link, a terminal still starting)
    /// arrive as input: they must not act as keys (`?` help, `G` last image, `[` threshold, `0` reset).
    func testLateTerminalRepliesAreNotKeys() throws {
        let session = try open()
        let before = try waitForList(session)
        let selected = try XCTUnwrap(Self.selectedName(before))
        try session.type("\u{1b}_Gi=31;OK\u{1b}\\")  // kitty's answer to its graphics query
        try session.type("\u{1b}[6;20;10t")  // the cell size
        try session.type("\u{1b}[?62;4;22c")  // device attributes (4: sixel)
        try session.type("\u{1b}_Gi=7302,p=1;ENOENT:Put command refers to non-existent image with id: 7302\u{1b}\\")
        try session.sendKeys("s")  // a real key after them
        let after = try session.waitFor(text: "sort: name")
        XCTAssertFalse(after.contains("Keys ("), "a reply opened the help:\n\(after)")
        XCTAssertEqual(Self.selectedName(after), selected, "a reply moved the selection:\n\(after)")
        // Escape and a bracket key still work as keys.
        try session.sendKeys("?")
        _ = try session.waitFor(text: "Keys (? or Esc closes)")
        try session.sendKeys("Escape")
        _ = try session.waitFor("help to close") { !$0.contains("Keys (? or Esc closes)") }
    }
}
