import SpeckTUI
import XCTest

final class TextFitTests: XCTestCase {
    func testWrapBreaksAtSpacesAndKeepsSpacingInsideALine() {
        XCTAssertEqual(TextFit.wrap("raw 1.234   normalised 0.567   truth –", width: 24),
                       ["raw 1.234   normalised", "0.567   truth –"])
        XCTAssertEqual(TextFit.wrap("fits", width: 10), ["fits"])
        XCTAssertEqual(TextFit.wrap("", width: 10), [])
        XCTAssertEqual(TextFit.wrap("anything", width: 0), [])
    }

    func testWrapIndentsContinuationLines() {
        XCTAssertEqual(TextFit.wrap("▸ lbp   local binary patterns per cell", width: 20, hangingIndent: 8),
                       ["▸ lbp   local binary", "        patterns per", "        cell"])
    }

    func testWrapAbbreviatesTheLastLineItMayUse() {
        XCTAssertEqual(TextFit.wrap("fitted 2026-11-30 05:00 in 1.2 s · scoring 61 ms/image", width: 24, maxLines: 2),
                       ["fitted 2026-11-30 05:00", "in 1.2 s · scoring 61 …"])
    }

    func testAbbreviateStopsAfterAWholeWordAndDropsDanglingSeparators() {
        XCTAssertEqual(TextFit.abbreviate("m1 · lbp · 12 training images", width: 100), "m1 · lbp · 12 training images")
        XCTAssertEqual(TextFit.abbreviate("m1 · lbp · 12 training images", width: 11), "m1 · lbp…")
        XCTAssertEqual(TextFit.abbreviate("fit ~30 s on 200 images", width: 22), "fit ~30 s on 200 …")
        XCTAssertEqual(TextFit.abbreviate("fit ~30 s on 200 images", width: 17), "fit ~30 s on…", "no room for the space")
        XCTAssertEqual(TextFit.abbreviate(" leading space kept", width: 10), " leading…")
        XCTAssertEqual(TextFit.abbreviate("two\nlines", width: 20), "two lines")
        XCTAssertEqual(TextFit.abbreviate("fitting lbp on 60 images (train split)", width: 34), "fitting lbp on 60 images…",
                       "an aside is kept whole or left out")
    }

    func testLongWordsAreCutWithAnEllipsisButNumbersNever() {
        XCTAssertEqual(TextFit.abbreviate("good/very_long_name.png next", width: 10), "good/very…")
        XCTAssertEqual(TextFit.wrap("a good/very_long_name.png b", width: 8), ["a", "good/ve…", "b"])
        XCTAssertEqual(TextFit.abbreviate("123456789 images", width: 6), "…")
        XCTAssertEqual(TextFit.abbreviate("1.350", width: 4), "…")
        XCTAssertEqual(TextFit.abbreviate("anything", width: 0), "")
    }

    /// Widths are cells as ScreenBuffer draws them: one per scalar, wide characters as "?".
    func testWideCharactersCountAsTheCellsTheyAreDrawnIn() {
        let text = "检测 结果 🙂 ok done"
        let fitted = TextFit.abbreviate(text, width: 8)
        XCTAssertEqual(fitted, "检测 结果 🙂…")
        XCTAssertEqual(TextFit.width(fitted), 8)
        var buffer = ScreenBuffer(width: 20, height: 1, fill: Theme.fallback.base)
        XCTAssertEqual(buffer.text(fitted, x: 0, y: 0, style: Theme.fallback.base), 8, "the cells it is drawn in")
        XCTAssertEqual(TextFit.wrap(text, width: 5), ["检测 结果", "🙂 ok", "done"])
    }
}
