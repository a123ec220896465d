import Foundation
@testable import SpeckTUI
import XCTest

/// The evidence pane's crops with a forced kitty protocol, read through
/// `tmux pipe-pane`: two pictures, placed in the cells their half-blocks
/// took, which are left blank; the pane gone, the pictures go too.
extension WorkstationScreenTests {
    func testKittyDrawsTheEvidenceCropsAsPictures() throws {
        let session = try open(environment: ["SPECK_CACHE_DIR": try Self.weightsCache()], arguments: ["--graphics", "kitty"])
        _ = try session.waitFor(text: "Pick a detector")
        try session.sendKeys("Enter")
        _ = try session.waitFor("the fit to finish", timeout: 180) { $0.contains("done: model") }
        _ = try waitForPicture(session, "the image as a picture") { !$0.contains("▀") }
        Thread.sleep(forTimeInterval: 2)  // the image's picture written whole before the capture starts
        let capture = folder.appendingPathComponent("evidence.bin")
        _ = try TmuxSession.tmux(["pipe-pane", "-o", "-t", session.name, "cat > \(capture.path)"])
        Thread.sleep(forTimeInterval: 0.5)

        try session.sendKeys("x")
        let screen = try session.waitFor("the evidence without half-blocks") {
            $0.contains("nearest normal") && $0.contains("distance ") && !$0.contains("▀")
        }
        Thread.sleep(forTimeInterval: 1.5)
        XCTAssertFalse(try session.capture().contains("▀"), "the crops' half-blocks do not come back:\n\(screen)")
        let stream = KittyStream(try Data(contentsOf: capture))
        // A picture of the image still being written when `x` came is cut short (kitty drops it): not counted.
        let complete = stream.transmissions.filter { $0.bytes == $0.number("s") * $0.number("v") * 3 }
        XCTAssertEqual(complete.count, 2, "the test crop and the training crop, once each")
        XCTAssertEqual(Set(complete.map { ((Int($0.id) ?? 0) - ImageSender.firstKittyId) / 2 }), [0, 1], "boxes 0 and 1")
        for picture in complete {
            let placement = try XCTUnwrap(stream.placements.last { $0["i"] == picture.id }, "picture \(picture.id) is placed")
            let columns = Int(placement["c"] ?? "") ?? -1, rows = Int(placement["r"] ?? "") ?? -1
            XCTAssertGreaterThan(columns, 5)
            XCTAssertEqual(picture.number("s") % columns, 0, "whole cells across")
            XCTAssertEqual(picture.number("v") % rows, 0, "whole cells down")
        }
        // The image pane's picture made way for the pane.
        XCTAssertFalse(stream.deletedIds.isEmpty)

        let deletesBefore = stream.deletedIds.count
        try session.sendKeys("x")
        _ = try session.waitFor("the evidence pane to close") { !$0.contains("Evidence ·") }
        Thread.sleep(forTimeInterval: 1)
        let after = KittyStream(try Data(contentsOf: capture))
        XCTAssertGreaterThanOrEqual(after.deletedIds.count, deletesBefore + 1, "the crops go with the pane")
    }
}
