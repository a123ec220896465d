import Foundation
import XCTest

/// The evidence pane (`x`) driven in tmux with a real PatchCore model: it
/// names the training image of the nearest stored patch, the zoomed view's
/// cursor picks other spots, and a training image gone from disk is said plainly.
extension WorkstationScreenTests {
    /// The weights cache of the user running the tests (the session's HOME is the temporary folder).
    static func weightsCache() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["SPECK_CACHE_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.cache/speck"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []
        guard files.contains(where: { $0.hasPrefix("efficientnet-lite0") }) else {
            throw XCTSkip("no EfficientNet-Lite0 weights in \(cache) (./dev setup fetches them)")
        }
        return cache
    }

    func testEvidencePaneNamesTheTrainingImageAndFollowsTheCursor() throws {
        let session = try open(environment: ["SPECK_CACHE_DIR": try Self.weightsCache()])
        let form = try session.waitFor(text: "Pick a detector")
        XCTAssertTrue(form.contains("▸ patchcore"), "PatchCore is the default choice:\n\(form)")
        try session.sendKeys("Enter")
        _ = try session.waitFor("the fit to finish", timeout: 180) { $0.contains("done: model") }
        try session.sendKeys("/")
        try session.type("train/good/003")
        try session.sendKeys("Enter")
        _ = try session.waitFor("train/good/003.png selected") { Self.selectedName($0) == "train/good/003.png" }

        try session.sendKeys("x")
        var screen = try session.waitFor("the evidence") { $0.contains("nearest train/good/") }
        XCTAssertTrue(screen.contains("Evidence · train/good/003.png"), screen)
        // The default bank keeps a tenth of the patches: the nearest may be another training image, never far.
        XCTAssertNotNil(screen.firstMatch(of: /nearest train\/good\/0\d\d\.png/), screen)
        XCTAssertNotNil(screen.firstMatch(of: /distance [0-9.]+ · map [0-9.]+/), screen)
        XCTAssertTrue(screen.contains("(hottest spot)"), screen)
        XCTAssertTrue(screen.contains("nearest normal"), screen)
        XCTAssertNotNil(screen.firstMatch(of: /\ \ \ at x \d+\.\.\d+ y \d+\.\.\d+/), "the stored patch's place:\n\(screen)")

        try session.sendKeys("z")
        screen = try session.waitFor("the zoomed view with evidence") { $0.contains("zoom fit ·") && $0.contains("Evidence ·") }
        XCTAssertTrue(screen.contains("✛"), "the spot is marked on the picture:\n\(screen)")
        let hottest = try XCTUnwrap(screen.firstMatch(of: /at x (\d+) y (\d+) \(hottest spot\)/), screen)
        let name = try XCTUnwrap(screen.firstMatch(of: /nearest (train\/good\/\d+\.png)/)?.output.1).description
        try session.sendKeys("L")
        screen = try session.waitFor("the cursor's evidence") { $0.contains("(cursor)") && $0.contains("nearest train/good/") }
        let moved = try XCTUnwrap(screen.firstMatch(of: /at x (\d+) y (\d+) \(cursor\)/), screen)
        XCTAssertGreaterThan(Int(moved.output.1)!, Int(hottest.output.1)!, "L moves the cursor right:\n\(screen)")
        XCTAssertEqual(moved.output.2, hottest.output.2)

        // The hottest spot's training image goes away: back there (m), its evidence says so instead of a picture.
        try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        try session.sendKeys("m")
        screen = try session.waitFor("the missing training image") { $0.contains("longer there (moved or deleted") }
        XCTAssertTrue(screen.contains("⚠ training image \(name)"), screen)
        try session.sendKeys("x")
        screen = try session.waitFor("the evidence pane to close") { !$0.contains("Evidence ·") }
    }
}
