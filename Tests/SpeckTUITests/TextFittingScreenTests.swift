import Foundation
import SpeckTUI
import XCTest

/// Text fitting in the real binary: after a fit, the details panel, the
/// message line, the counts under the histogram and the train dialog at 80x24
/// and 120x40 end every line in a whole word of what a 250x60 screen shows (see `CutWords`).
extension WorkstationScreenTests {
    func testPanelsFitTheirTextWithoutCuttingWordsAt80x24And120x40() throws {
        let session = try open(width: 250, height: 60)
        var screen = try trainFastDetector(session)
        let wide = Layout(width: 250, height: 60)
        let fullDetails = Self.rows(screen, in: wide.details.inner).joined(separator: "\n")
        let fullMessage = Self.rows(screen, in: wide.messageLine).joined()
        let fullCounts = Self.rows(screen, in: Self.confusionRows(wide)).joined(separator: "\n") + " P R"
        try session.sendKeys("t")
        screen = try session.waitFor(text: "Pick a detector")
        let fullDialog = try XCTUnwrap(CutWords.boxRows(Self.lines(screen), title: "Train a model")).joined(separator: "\n")
        try session.sendKeys("Escape")
        _ = try session.waitFor("the form to close") { !$0.contains("Pick a detector") }
        for (width, height) in [(80, 24), (120, 40)] {
            try session.resize(width: width, height: height)
            let layout = Layout(width: width, height: height)
            screen = try session.waitFor("the \(width)x\(height) layout") { screen in
                let lines = Self.lines(screen)
                return lines.count == height && Self.rows(screen, in: layout.details).first?.hasPrefix("╭ Details") == true
            }
            let details = Self.rows(screen, in: layout.details.inner)
            XCTAssertEqual(CutWords.cutLines(details, fullText: fullDetails), [], "details at \(width)x\(height):\n\(screen)")
            let message = Self.rows(screen, in: layout.messageLine)
            XCTAssertEqual(CutWords.cutLines(message, fullText: fullMessage, everyToken: true), [], "message line at \(width)x\(height):\n\(screen)")
            let counts = Self.rows(screen, in: Self.confusionRows(layout))
            XCTAssertEqual(CutWords.cutLines(counts, fullText: fullCounts, everyToken: true), [], "counts at \(width)x\(height):\n\(screen)")
            try session.sendKeys("t")
            screen = try session.waitFor(text: "Pick a detector")
            let dialog = try XCTUnwrap(CutWords.boxRows(Self.lines(screen), title: "Train a model"))
            XCTAssertEqual(CutWords.cutLines(dialog, fullText: fullDialog), [], "train dialog at \(width)x\(height):\n\(screen)")
            try session.sendKeys("Escape")
            _ = try session.waitFor("the form to close") { !$0.contains("Pick a detector") }
        }
    }

    /// The two lines of counts under the histogram.
    static func confusionRows(_ layout: Layout) -> Rect {
        let inner = layout.histogram.inner
        return Rect(x: inner.x, y: inner.maxY - 2, width: inner.width, height: 2)
    }

    static func lines(_ screen: String) -> [String] {
        var lines = screen.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The cells of `rect` in a capture (tmux drops trailing spaces; every cell is one character).
    static func rows(_ screen: String, in rect: Rect) -> [String] {
        let lines = lines(screen)
        guard rect.maxY <= lines.count else { return [] }
        return CutWords.crop(Array(lines[rect.y..<rect.maxY]), columns: rect.x..<rect.maxX)
    }
}
