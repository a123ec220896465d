import Foundation
import XCTest

/// A model fitted elsewhere on the workspace (here `speck retrain` in a
/// terminal) is announced within seconds and loaded with `M`, not before.
extension WorkstationScreenTests {
    func testAModelFittedElsewhereIsAnnouncedAndLoadedWithM() throws {
        let session = try open()
        var screen = try trainFastDetector(session)
        let fitted = try XCTUnwrap(screen.firstMatch(of: #/model (m\d+): /#)?.output.1, "no model in the header:\n\(screen)")
        let cli = try TmuxSession.run(try TestFixtures.speckBinary(), ["retrain"], directory: folder.path)
        let newer = try XCTUnwrap(cli.firstMatch(of: /(m\d+): \S+ fitted/)?.output.1, "retrain says:\n\(cli)")
        XCTAssertNotEqual(newer, fitted)

        screen = try session.waitFor("the newer model announced", timeout: 10) { $0.contains("(\(newer) is newer: M)") }
        XCTAssertTrue(screen.contains("model \(newer) ("), "the message names it:\n\(screen)")
        XCTAssertTrue(screen.contains("model \(fitted): "), "the shown model stays until M:\n\(screen)")

        try session.sendKeys("M")
        screen = try session.waitFor(text: "model \(newer) loaded")
        XCTAssertTrue(screen.contains("model \(newer): "), "the header shows the loaded model:\n\(screen)")
        XCTAssertFalse(screen.contains("is newer: M"), screen)
        _ = try Self.flaggedCounts(screen)
    }
}
