import SpeckTUI
import XCTest

final class RenderingTests: XCTestCase {
    func testFittingKeepsTheAspectRatioWithSquareHalfBlockPixels() {
        // 200x100 image into 40 columns x 20 rows (40x40 square pixels): width-bound.
        let wide = PaneFitting(imageWidth: 200, imageHeight: 100, columns: 40, rows: 20)
        XCTAssertEqual(wide.pixelWidth, 40)
        XCTAssertEqual(wide.pixelHeight, 20)
        XCTAssertEqual(wide.cellOffsetY, 5)
        // A square image in a wide pane is height-bound and centred.
        let square = PaneFitting(imageWidth: 900, imageHeight: 900, columns: 80, rows: 20)
        XCTAssertEqual(square.pixelWidth, 40)
        XCTAssertEqual(square.pixelHeight, 40)
        XCTAssertEqual(square.cellOffsetX, 20)
    }

    func testHalfBlocksCarryTopAndBottomPixels() {
        var grid = PixelGrid(width: 1, height: 2)
        grid[0, 0] = RGB(255, 0, 0)
        grid[0, 1] = RGB(0, 0, 255)
        var buffer = ScreenBuffer(width: 1, height: 1, fill: Theme.fallback.base)
        HalfBlockRenderer(colorMode: .truecolor).draw(grid, into: &buffer, at: 0, y: 0, monoStyle: Theme.fallback.base)
        XCTAssertEqual(buffer[0, 0], Cell("▀", Style(foreground: RGB(255, 0, 0), background: RGB(0, 0, 255))))
        HalfBlockRenderer(colorMode: .mono).draw(grid, into: &buffer, at: 0, y: 0, monoStyle: Theme.fallback.base)
        XCTAssertNotEqual(buffer[0, 0].character, "▀")
    }

    func testNearest256ColourUsesTheCubeAndTheGreyRamp() {
        XCTAssertEqual(PaletteMapper.nearest256(RGB(255, 0, 0)), 196)
        XCTAssertEqual(PaletteMapper.nearest256(RGB(0, 0, 0)), 16)
        XCTAssertEqual(PaletteMapper.nearest256(RGB(128, 128, 128)), 244)  // grey ramp beats cube 102 (135)
        XCTAssertEqual(PaletteMapper(mode: .truecolor).colourNumber(for: RGB(0x12, 0x34, 0x56)), 0x123456)
    }

    func testColourModeDetection() {
        XCTAssertEqual(ColorMode.detect(environment: ["NO_COLOR": "1"], terminfoColors: 1 << 24, terminfoDirect: true), .mono)
        XCTAssertEqual(ColorMode.detect(environment: [:], terminfoColors: 1 << 24, terminfoDirect: true), .truecolor)
        XCTAssertEqual(ColorMode.detect(environment: [:], terminfoColors: 256, terminfoDirect: false), .palette256)
        XCTAssertEqual(ColorMode.detect(environment: [:], terminfoColors: 8, terminfoDirect: false), .palette16)
        XCTAssertEqual(ColorMode.detect(environment: ["NO_COLOR": ""], terminfoColors: 0, terminfoDirect: false), .mono)
    }

    /// Once per view: the zoomed view may lend a key (j pans there) but never bind it twice itself.
    func testKeymapBindsEachKeyOnce() {
        for zoomed in [false, true] {
            var seen: [Key: String] = [:]
            for binding in Keymap.standard.scoped(zoomed: zoomed).bindings {
                for key in binding.keys {
                    XCTAssertNil(seen[key], "\(key.label) is bound to both '\(seen[key] ?? "")' and '\(binding.summary)'")
                    seen[key] = binding.summary
                }
            }
        }
    }

    func testConfusionCountsFollowTheThreshold() {
        let entries = [(0.9, true), (0.8, false), (0.4, true), (0.1, false)].enumerated().map { index, pair in
            ImageEntry(id: index, relativePath: "\(index).png", path: "/\(index).png",
                       groundTruth: pair.1 ? .anomalous(kind: "crack") : .normal, rawScore: Float(pair.0))
        }
        let low = ConfusionCounts(entries: entries, threshold: 0.3).heldOut
        XCTAssertEqual([low.truePositives, low.falsePositives, low.falseNegatives, low.trueNegatives], [2, 1, 0, 1])
        let high = ConfusionCounts(entries: entries, threshold: 0.85)
        XCTAssertEqual([high.heldOut.truePositives, high.heldOut.falsePositives, high.heldOut.falseNegatives,
                        high.heldOut.trueNegatives], [1, 0, 1, 2])
        XCTAssertEqual(high.heldOut.precision, 1)
        XCTAssertEqual(high.heldOut.recall, 0.5)
        XCTAssertEqual([high.flagged, high.scored], [1, 4])
    }
}
