import Foundation
import SpeckTUI
import XCTest

/// Mouse: clicks on the list and the histogram, the wheel, and `--no-mouse`.
extension WorkstationScreenTests {
    static func line(_ screen: String, _ y: Int) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.indices.contains(y) ? String(lines[y]) : ""
    }

    /// The image name on list row `y` (the path may start with "…" when cut).
    static func listName(_ screen: String, y: Int, list: Rect) -> String {
        let row = String(line(screen, y).dropFirst(list.inner.x + 2))
        return String(row.split(separator: " ").first ?? "").replacingOccurrences(of: "…", with: "")
    }

    static func selectedName(_ screen: String) -> String? {
        screen.firstMatch(of: /│ image +(\S+)/).map { String($0.output.1) }
    }

    func testClickOnAListRowSelectsThatImage() throws {
        let session = try open()
        _ = try waitForList(session)
        try session.sendKeys("s")  // by name: a stable order
        let screen = try session.waitFor(text: "sort: name")
        XCTAssertTrue(try session.mouseReportingRequested(), "the workstation should ask for mouse reporting")
        let list = Layout(width: 120, height: 40).list
        let y = list.inner.y + 5
        let name = Self.listName(screen, y: y, list: list)
        XCTAssertFalse(name.isEmpty, "no image on row \(y):\n\(screen)")
        XCTAssertNotEqual(Self.selectedName(screen).map { $0.hasSuffix(name) }, true, "row \(y) is selected already")
        try session.click(x: list.inner.x + 4, y: y)
        let after = try session.waitFor("the clicked image in the details") { Self.selectedName($0)?.hasSuffix(name) == true }
        XCTAssertTrue(Self.line(after, y).contains("▸"), "the clicked row is marked:\n\(after)")
    }

    func testWheelScrollsTheList() throws {
        let session = try open(width: 80, height: 24)
        let screen = try waitForList(session)
        let list = Layout(width: 80, height: 24).list
        let top = Self.listName(screen, y: list.inner.y, list: list)
        let fourth = Self.listName(screen, y: list.inner.y + 3, list: list)
        XCTAssertNotEqual(top, fourth)
        try session.wheel(down: true, x: list.inner.x + 4, y: list.inner.y + 2)
        // One notch scrolls three rows; the selection stays on screen.
        let scrolled = try session.waitFor("the list to scroll by three") { Self.listName($0, y: list.inner.y, list: list) == fourth }
        XCTAssertTrue(scrolled.contains("▸"), "the selection went out of sight:\n\(scrolled)")
        try session.wheel(down: false, x: list.inner.x + 4, y: list.inner.y + 2)
        _ = try session.waitFor("the list to scroll back") { Self.listName($0, y: list.inner.y, list: list) == top }
    }

    /// The histogram marker's column on the axis row, and that row.
    static func marker(_ screen: String, histogram: Rect) -> Int? {
        let axis = Array(line(screen, HistogramPanel.barsArea(histogram).maxY))
        return axis.firstIndex(of: "▲")
    }

    /// Every list row on screen at or above `threshold` is flagged and the others are not (scores show 3 decimals).
    static func assertListAgrees(with threshold: Double, _ screen: String, file: StaticString = #filePath, line: UInt = #line) {
        let rows = screen.matches(of: /(\d+\.\d{3}) +(FLAG|  ok)/)
        XCTAssertFalse(rows.isEmpty, "no scored rows:\n\(screen)", file: file, line: line)
        for match in rows {
            let score = Double(match.output.1)!, isFlagged = match.output.2 == "FLAG"
            if abs(score - threshold) > 0.0011 {
                XCTAssertEqual(isFlagged, score >= threshold, "score \(score) against threshold \(threshold):\n\(screen)", file: file, line: line)
            }
        }
    }

    func testClickOnTheHistogramSetsTheThresholdThere() throws {
        let session = try open()
        var screen = try trainFastDetector(session)
        let before = try Self.threshold(screen)
        let positives = try Self.flaggedCounts(screen).tp + Self.flaggedCounts(screen).fn
        let histogram = Layout(width: 120, height: 40).histogram
        let area = HistogramPanel.barsArea(histogram)
        for column in [area.x + 2, area.maxX - 3] {
            let previous = try Self.threshold(screen)
            try session.click(x: column, y: area.y + area.height / 2)
            screen = try session.waitFor("the marker under the click") {
                Self.marker($0, histogram: histogram) == column && (try? Self.threshold($0)) != previous
            }
            XCTAssertTrue(screen.contains("manual (auto"), "a clicked threshold is manual:\n\(screen)")
            Self.assertListAgrees(with: try Self.threshold(screen), screen)
            let counts = try Self.flaggedCounts(screen)
            XCTAssertEqual(counts.tp + counts.fn, positives, "the labelled defects stay the same:\n\(screen)")
        }
        XCTAssertNotEqual(try Self.threshold(screen), before)
        // The low end flags more images than the high end.
        try session.click(x: area.x, y: area.maxY)
        let low = try session.waitFor("the marker at the left") { Self.marker($0, histogram: histogram) == area.x }
        XCTAssertGreaterThan(try Self.flaggedCounts(low).flagged, try Self.flaggedCounts(screen).flagged, low)
    }

    func testNoMouseFlagLeavesClicksAlone() throws {
        let session = try open(arguments: ["--no-mouse"])
        _ = try waitForList(session)
        try session.sendKeys("s")
        let screen = try session.waitFor(text: "sort: name")
        XCTAssertFalse(try session.mouseReportingRequested(), "--no-mouse must not ask for mouse reporting")
        let list = Layout(width: 120, height: 40).list
        let selected = try XCTUnwrap(Self.selectedName(screen))
        try session.click(x: list.inner.x + 4, y: list.inner.y + 5)
        try session.wheel(down: true, x: list.inner.x + 4, y: list.inner.y + 2)
        try session.sendKeys("?")  // once help shows, the clicks before it have been read
        _ = try session.waitFor(text: "Keys (? or Esc closes)")
        try session.sendKeys("Escape")
        let after = try session.waitFor("help to close") { !$0.contains("Keys (? or Esc closes)") }
        XCTAssertEqual(Self.selectedName(after), selected, "a click with --no-mouse selected an image:\n\(after)")
    }

    func testWheelZoomsInTheZoomedView() throws {
        let session = try open()
        _ = try waitForList(session)
        try session.sendKeys("z")
        _ = try session.waitFor("the full-screen view") { $0.contains("zoom fit ·") && !$0.contains("╭ Images") }
        try session.wheel(down: false, x: 60, y: 20)
        _ = try session.waitFor("1:1 after a notch up") { Self.window($0)?.level == "1:1" }
        try session.wheel(down: true, x: 60, y: 20)
        _ = try session.waitFor("fit after a notch down") { $0.contains("zoom fit ·") }
        // The wheel zooms about the pointer: the image point under it stays under it. One row below the
        // picture's top, the pointer is on image row (2 + 1) * 256 / 72 ≈ 11 at fit (72 pixel rows), and
        // 3 pixel rows into the 1:1 picture, so the window starts near y 8; zooming about the middle would
        // show y 92..163 and x 69..186 of the 256-pixel sample image.
        let layout = Layout(width: 120, height: 40)
        let pane = Rect(x: 0, y: 0, width: layout.statusLine.width, height: layout.messageLine.y).inner
        let fitted = ZoomedPicture(imageWidth: 256, imageHeight: 256, inner: pane, level: .fit, centreX: 0.5, centreY: 0.5)
        try session.wheel(down: false, x: fitted.left + 2, y: fitted.top + 1)
        let corner = try session.waitFor("1:1 about the corner") { Self.window($0)?.level == "1:1" }
        let window = try XCTUnwrap(Self.window(corner))
        XCTAssertEqual(fitted.pixelHeight, 72, "the arithmetic above assumes 36 rows of picture")
        XCTAssertEqual(window.x0, 0, "the pointed corner left the view:\n\(corner)")
        XCTAssertTrue((6...10).contains(window.y0), "the pointed row moved: window starts at y \(window.y0)")
        try session.wheel(down: true, x: 60, y: 20)
        _ = try session.waitFor("fit again") { $0.contains("zoom fit ·") }
        // A click where the list was selects nothing: the list is hidden.
        try session.sendKeys("z")
        // Wait for the whole frame: a capture can land while the list is drawn but the details not yet.
        let list = try session.waitFor("the list back") { $0.contains("╭ Images") && Self.selectedName($0) != nil }
        let selected = Self.selectedName(list)
        try session.sendKeys("z")
        _ = try session.waitFor("the full-screen view again") { !$0.contains("╭ Images") }
        try session.click(x: layout.list.inner.x + 4, y: layout.list.inner.y + 5)
        try session.sendKeys("z")
        let after = try session.waitFor("the list once more") { $0.contains("╭ Images") && Self.selectedName($0) != nil }
        XCTAssertEqual(Self.selectedName(after), selected, "a click in the zoomed view selected an image:\n\(after)")
    }
}
