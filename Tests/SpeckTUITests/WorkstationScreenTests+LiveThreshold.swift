import Foundation
import XCTest

/// An unlabelled folder: the fit assumes defects are rare, and the inspector's first
/// labels of both kinds choose the threshold at once, kept across reopening.
extension WorkstationScreenTests {
    /// The sample images, flat in one `images/` folder: no folder says which are good.
    func makeUnlabelledFolder() throws -> URL {
        let fm = FileManager.default
        let target = fm.temporaryDirectory.appendingPathComponent("speck-unlabelled-\(UUID().uuidString.prefix(8))")
        let images = target.appendingPathComponent("images")
        try fm.createDirectory(at: images, withIntermediateDirectories: true)
        for path in try TestFixtures.imagePaths(in: folder) where !path.hasPrefix("ground_truth") {
            try fm.copyItem(at: folder.appendingPathComponent(path),
                            to: images.appendingPathComponent(path.replacingOccurrences(of: "/", with: "_")))
        }
        return target
    }

    func testFirstLabelsOfBothKindsChooseTheThresholdAtOnce() throws {
        let unlabelled = try makeUnlabelledFolder()
        try? FileManager.default.removeItem(at: folder)
        folder = unlabelled
        let session = try open()
        var screen = try trainFastDetector(session)
        XCTAssertTrue(screen.contains("auto: 99% quantile"), "an unlabelled folder starts from a quantile:\n\(screen)")
        let before = try Self.threshold(screen)

        // One class alone cannot place a threshold: the highest image labelled anomalous moves nothing.
        try session.sendKeys("g")
        try session.sendKeys("a")
        screen = try session.waitFor(text: "labelled anomalous")
        XCTAssertFalse(screen.contains(" → "), "one class moved the threshold:\n\(screen)")
        XCTAssertEqual(try Self.threshold(screen), before)

        // A normal label beside it: the F1-optimal threshold over the two, at once.
        try session.sendKeys("G")
        try session.sendKeys("f")
        screen = try session.waitFor(text: "labelled normal")
        XCTAssertTrue(screen.contains("(F1-optimal on 2 labelled images (1 defective))"), "the message names the move:\n\(screen)")
        screen = try session.waitFor(text: "auto: F1-optimal on 2 labelled images")
        let after = try Self.threshold(screen)
        XCTAssertNotEqual(after, before, screen)

        // Kept as the automatic threshold (not a manual one) when the workspace is opened again.
        try session.sendKeys("q")
        _ = try session.waitFor(text: "[exited 0]")
        let reopened = try open()
        screen = try reopened.waitFor(text: "auto: F1-optimal on 2 labelled images")
        XCTAssertEqual(try Self.threshold(screen), after, screen)
        XCTAssertFalse(screen.contains("manual (auto"), screen)
    }
}
