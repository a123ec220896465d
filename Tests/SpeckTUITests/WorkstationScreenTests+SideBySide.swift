import Foundation
import SpeckTUI
import XCTest

/// The side-by-side view: captions and panes at 120x40 and 80x24.
extension WorkstationScreenTests {
    /// The caption row of the side-by-side view (just above the pictures), and the columns that show half-blocks.
    static func sideBySide(_ screen: String, layout: Layout) -> (captions: String, pictureColumns: Set<Int>) {
        let inner = layout.pane.inner
        func cells(_ y: Int) -> ArraySlice<Character> { Array(line(screen, y)).dropFirst(inner.x).prefix(inner.width) }
        let firstPictureRow = (inner.y + 1..<inner.maxY).first { cells($0).contains("▀") } ?? inner.y + 1
        let captions = String(cells(firstPictureRow - 1))
        var columns = Set<Int>()
        for y in (inner.y + 1)..<inner.maxY {
            for (x, character) in Array(line(screen, y)).enumerated() where x >= inner.x && x < inner.maxX && character == "▀" {
                columns.insert(x)
            }
        }
        return (captions, columns)
    }

    /// How many separate runs of picture columns there are (one per picture).
    static func pictureCount(_ columns: Set<Int>) -> Int {
        columns.sorted().enumerated().filter { index, column in index == 0 || !columns.contains(column - 1) }.count
    }

    /// Selects the first image whose path contains `filter` and waits for the side-by-side view of it.
    func showSideBySide(_ session: TmuxSession, filter: String) throws -> String {
        try session.sendKeys("/")
        try session.type(filter)
        try session.sendKeys("Enter")
        _ = try session.waitFor("an image matching \(filter)") { Self.selectedName($0)?.contains(filter) == true }
        return try session.waitFor(text: "· side by side")
    }

    func testSideBySideShowsImageHeatmapAndGroundTruth() throws {
        let session = try open()
        _ = try trainFastDetector(session)
        for _ in 0..<3 { try session.sendKeys("v") }  // overlay → contours → side by side
        for (width, height) in [(120, 40), (80, 24)] {
            try session.resize(width: width, height: height)
            let layout = Layout(width: width, height: height)
            _ = try showSideBySide(session, filter: "test/scratch")
            var screen = try session.waitFor("three captioned pictures at \(width)x\(height)") {
                let view = Self.sideBySide($0, layout: layout)
                return view.captions.contains("image") && view.captions.contains("heatmap")
                    && view.captions.contains("ground truth") && Self.pictureCount(view.pictureColumns) == 3
            }
            XCTAssertFalse(screen.contains("Terminal too small"))
            try session.sendKeys("Escape")  // clears the filter
            _ = try showSideBySide(session, filter: "test/good")
            screen = try session.waitFor("two captioned pictures at \(width)x\(height)") {
                let view = Self.sideBySide($0, layout: layout)
                return view.captions.contains("image") && view.captions.contains("heatmap")
                    && !view.captions.contains("truth") && Self.pictureCount(view.pictureColumns) == 2
            }
            try session.sendKeys("Escape")
            _ = try session.waitFor("the filter to clear") { !$0.contains("· /") }
        }
    }

    func testSideBySideWithoutAModelSaysThereIsNoMap() throws {
        let session = try open(width: 80, height: 24)
        _ = try waitForList(session)
        for _ in 0..<3 { try session.sendKeys("v") }
        let layout = Layout(width: 80, height: 24)
        let screen = try showSideBySide(session, filter: "test/scratch")
        let view = try session.waitFor("the captions without a model") {
            let view = Self.sideBySide($0, layout: layout)
            return view.captions.contains("no model yet") && view.captions.contains("ground truth")
                && Self.pictureCount(view.pictureColumns) == 2
        }
        _ = (screen, view)
    }
}
