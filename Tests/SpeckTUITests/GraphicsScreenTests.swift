import Foundation
import XCTest

/// Terminal graphics driven in tmux. tmux shows no images, so what can be seen
/// is the choice: half-blocks by default, and with a forced protocol the
/// picture's cells left blank for the terminal's pixels.
extension WorkstationScreenTests {
    /// The image pane's title once its picture can have been drawn (not "loading…").
    func waitForPicture(_ session: TmuxSession, _ what: String, _ condition: @escaping (String) -> Bool) throws -> String {
        try session.waitFor(what) { $0.contains(".png · ") && !$0.contains("loading…") && condition($0) }
    }

    func testAutoUnderTmuxDrawsHalfBlocks() throws {
        let session = try open()
        _ = try waitForList(session)
        _ = try waitForPicture(session, "a half-block picture") { $0.contains("▀") }
        try session.sendKeys("?")
        _ = try session.waitFor(text: "graphics: blocks (tmux)")
    }

    func testGraphicsBlocksFlagDrawsHalfBlocks() throws {
        let session = try open(arguments: ["--graphics", "blocks"])
        _ = try waitForList(session)
        _ = try waitForPicture(session, "a half-block picture") { $0.contains("▀") }
        try session.sendKeys("?")
        _ = try session.waitFor(text: "graphics: blocks (--graphics)")
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

    func testUnknownGraphicsModeIsAnError() throws {
        let session = try open(arguments: ["--graphics", "png"])
        let screen = try session.waitFor(text: "[exited")
        XCTAssertTrue(screen.contains("unknown graphics mode 'png'"), screen)
    }
}
