import Foundation
import SpeckTUI
import XCTest

/// The full-screen view (`z`) driven in tmux: what the caption and messages say.
extension WorkstationScreenTests {
    struct Window: Equatable {
        var level: String, x0: Int, x1: Int, y0: Int, y1: Int
        var centreX: Double { Double(x0 + x1 + 1) / 2 }
        var centreY: Double { Double(y0 + y1 + 1) / 2 }
    }

    static func window(_ screen: String) -> Window? {
        guard let m = screen.firstMatch(of: /zoom (\S+) · x (\d+)\.\.(\d+) y (\d+)\.\.(\d+)/) else { return nil }
        return Window(level: String(m.output.1), x0: Int(m.output.2)!, x1: Int(m.output.3)!,
                      y0: Int(m.output.4)!, y1: Int(m.output.5)!)
    }

    func testZoomedViewZoomsPansAndKeepsTheSpotAcrossImages() throws {
        let session = try open()
        _ = try trainFastDetector(session)
        try session.sendKeys("z")
        // The frame is drawn before the status line: wait for both (a fresh-clone run caught it between).
        var screen = try session.waitFor("the full-screen view with its status line") {
            $0.contains("zoom fit ·") && !$0.contains("╭ Images") && $0.contains("hjkl pan")
        }
        XCTAssertTrue(screen.contains("hjkl pan"), "the status line stays, with the zoomed view's keys:\n\(screen)")
        try session.sendKeys("+")
        screen = try session.waitFor("1:1") { Self.window($0)?.level == "1:1" }
        let actual = try XCTUnwrap(Self.window(screen))
        try session.sendKeys("+")
        screen = try session.waitFor("2x") { Self.window($0)?.level == "2x" }
        let double = try XCTUnwrap(Self.window(screen))
        // The sample images (256x256) are larger than the window at 1:1 across; 2x shows half as many pixels.
        XCTAssertEqual(double.x1 - double.x0 + 1, (actual.x1 - actual.x0 + 1) / 2, "\(actual) then \(double)")
        XCTAssertEqual(double.centreX, actual.centreX, accuracy: 1)
        try session.sendKeys("l")
        screen = try session.waitFor("a pan right") { (Self.window($0)?.x0 ?? 0) > double.x0 }
        let panned = try XCTUnwrap(Self.window(screen))
        XCTAssertEqual(panned.y0, double.y0, "panning right keeps the rows")
        try session.sendKeys("j")
        screen = try session.waitFor("a pan down") { (Self.window($0)?.y0 ?? 0) > panned.y0 }
        let spot = try XCTUnwrap(Self.window(screen))
        let name = try XCTUnwrap(screen.firstMatch(of: /· ([^ ]+\.png) ·/)?.output.1).description
        try session.sendKeys("n")
        screen = try session.waitFor("the next image") { !$0.contains(name) && $0.contains(".png") && Self.window($0) != nil }
        XCTAssertEqual(Self.window(screen), spot, "the next image is shown at the same zoom and spot:\n\(screen)")
        try session.sendKeys("p")
        screen = try session.waitFor("the image before") { $0.contains(name) && Self.window($0) != nil }
        XCTAssertEqual(Self.window(screen), spot)
        // Every view mode is drawn zoomed, at the same window.
        for mode in [ViewMode.predictedContour, .truthContour, .image, .heatmap, .overlay] {
            try session.sendKeys("v")
            screen = try session.waitFor("the \(mode.rawValue) view") { $0.contains("· \(mode.rawValue)") }
            XCTAssertEqual(Self.window(screen), spot, "\(mode.rawValue) is zoomed like the others")
        }
        try session.resize(width: 80, height: 24)
        screen = try session.waitFor("the zoomed view at 80x24") { Self.window($0).map { $0.x1 - $0.x0 + 1 == 39 } ?? false }
        XCTAssertTrue(screen.contains("z zoom view"), "the way out is in the hints at 80 columns:\n\(screen)")
        try session.sendKeys("?")
        screen = try session.waitFor(text: "Keys (? or Esc closes)")
        XCTAssertTrue(screen.contains("pan left") && screen.contains("this help") && screen.contains("quit"),
                      "the zoomed view's help fits 80x24:\n\(screen)")
        try session.sendKeys("?")
        _ = try session.waitFor("help to close") { !$0.contains("Keys (? or Esc closes)") }
        try session.resize(width: 120, height: 40)
        try session.sendKeys("-", "-")
        screen = try session.waitFor("fit again") { $0.contains("zoom fit ·") }
        try session.sendKeys("?")
        _ = try session.waitFor(text: "Keys (? or Esc closes)")
        // On a loaded machine the capture can catch the overlay half drawn: wait for it whole, then name what is missing.
        let zoomBindings = Keymap.standard.bindings.filter { $0.scope == .zoomedView }
        screen = try (try? session.waitFor("the whole help", timeout: 10) { screen in
            zoomBindings.allSatisfy { screen.contains($0.summary) }
        }) ?? session.capture()
        for binding in zoomBindings {
            XCTAssertTrue(screen.contains(binding.summary), "the zoomed view's help lacks '\(binding.summary)'")
        }
        try session.sendKeys("Escape")
        _ = try session.waitFor("help to close") { !$0.contains("Keys (? or Esc closes)") }
        try session.sendKeys("z")
        _ = try session.waitFor("the list again") { $0.contains("╭ Images") && !$0.contains("zoom fit") }
    }

    func testHottestSpotAndRegionsLargestFirst() throws {
        let session = try open()
        _ = try trainFastDetector(session)  // sorted by score: the top image is the most anomalous
        try session.sendKeys("z")
        _ = try session.waitFor("the fitted picture") { $0.contains("zoom fit ·") && !$0.contains("loading…") }
        try session.sendKeys("m")
        var screen = try session.waitFor("the hottest spot") { $0.contains("hottest spot at") && Self.window($0) != nil }
        let hot = try XCTUnwrap(screen.firstMatch(of: /hottest spot at x (\d+) y (\d+)/))
        let (hx, hy) = (Int(hot.output.1)!, Int(hot.output.2)!)
        let window = try XCTUnwrap(Self.window(screen))
        XCTAssertEqual(window.level, "2x", "m zooms in from fit")
        XCTAssertTrue((window.x0...window.x1).contains(hx) && (window.y0...window.y1).contains(hy), "\(hx),\(hy) in \(window)")
        // Centred unless the window is held back by an image edge.
        if window.x0 > 0 && window.x1 < 255 { XCTAssertEqual(window.centreX, Double(hx), accuracy: 1.5) }
        if window.y0 > 0 && window.y1 < 255 { XCTAssertEqual(window.centreY, Double(hy), accuracy: 1.5) }

        // Find an image with at least two regions, so that their order means something.
        var total = 0
        for _ in 0..<12 {
            try session.sendKeys("r")
            screen = try session.waitFor("the first region") { $0.contains(/region 1 of \d+ · \d+ px|no region of the map/) }
            total = screen.firstMatch(of: /region 1 of (\d+)/).map { Int($0.output.1)! } ?? 0
            if total >= 2 { break }
            try session.sendKeys("n", "m")  // the hottest-spot message clears the region one
            _ = try session.waitFor(text: "hottest spot at")
        }
        XCTAssertGreaterThanOrEqual(total, 2, "no image with two regions among the first twelve:\n\(screen)")
        var sizes: [Int] = []
        for index in 1...min(total, 6) {
            if index > 1 {
                try session.sendKeys("r")
                screen = try session.waitFor("region \(index)") { $0.contains("region \(index) of \(total) ·") }
            }
            let match = try XCTUnwrap(screen.firstMatch(of: /region \d+ of \d+ · (\d+) px · x (\d+)\.\.(\d+) y (\d+)\.\.(\d+)/))
            sizes.append(Int(match.output.1)!)
            // The view is centred on the region: its bounds overlap the window.
            let shown = try XCTUnwrap(Self.window(screen))
            XCTAssertTrue(Int(match.output.2)! <= shown.x1 && Int(match.output.3)! >= shown.x0, "\(match.output.0) vs \(shown)")
        }
        XCTAssertEqual(sizes, sizes.sorted(by: >), "regions come largest first")
        if total <= 6 {
            try session.sendKeys("r")
            _ = try session.waitFor("back to the largest") { $0.contains("region 1 of \(total) ·") }
        }
    }

    /// Without a map the hottest-spot and region keys say why, and nothing breaks.
    func testZoomKeysWithoutAMapSaySo() throws {
        let session = try open()
        _ = try waitForList(session)
        try session.sendKeys("z", "+")
        _ = try session.waitFor("1:1 without a model") { Self.window($0)?.level == "1:1" }
        try session.sendKeys("m")
        _ = try session.waitFor(text: "no model yet: train one first (t)")
        try session.sendKeys("v", "r", "h", "k")
        var screen = try session.waitFor(text: "no model yet: train one first (t)")
        XCTAssertNotNil(Self.window(screen), "still zoomed:\n\(screen)")
        try session.sendKeys("Escape")
        screen = try session.waitFor("Esc to leave the zoomed view") { $0.contains("╭ Images") }
        XCTAssertFalse(screen.contains("zoom 1:1"))
    }
}
