import SpeckDetectors
import SpeckImaging
import SpeckTUI
import XCTest

final class SideBySidePaneTests: XCTestCase {
    func layers(map: Bool, mask: Bool) -> PaneLayers {
        let image = Image(width: 8, height: 8, channels: 3, pixels: [Float](repeating: 0.5, count: 192))
        let anomalyMap = map ? AnomalyMap(width: 8, height: 8, values: (0..<64).map { Float($0) / 64 }) : nil
        let maskImage = mask ? Image(width: 8, height: 8, channels: 1, pixels: (0..<64).map { $0 < 32 ? 1 : 0 }) : nil
        return PaneLayers(image: image, map: anomalyMap.map { PlacedMap($0, preprocessing: .init()) }, mask: maskImage, width: 8, height: 8) { $0 }
    }

    func testPanesSplitTheWidthWithAGap() {
        let panes = SideBySidePane.panes(count: 3, in: Rect(x: 1, y: 1, width: 42, height: 11))
        XCTAssertEqual(panes.map(\.x), [1, 15, 29])
        XCTAssertEqual(panes.map(\.width), [13, 13, 13])
        XCTAssertEqual(SideBySidePane.pictureArea(of: panes[0]), Rect(x: 1, y: 2, width: 13, height: 10))
    }

    func testCaptionsSayWhyThereIsNoHeatmap() {
        let theme = Theme.fallback
        let scored = SideBySideView(theme: theme, hasModel: true, isScored: true, hasMask: true).panels(layers(map: true, mask: true))
        XCTAssertEqual(scored.map { $0.captions[0] }, ["image", "heatmap", "ground truth"])
        XCTAssertTrue(scored.allSatisfy { $0.picture != nil })
        XCTAssertEqual(scored[2].picture?[0, 0], RGB(255, 255, 255))
        XCTAssertEqual(scored[2].picture?[0, 7], RGB(0, 0, 0))
        let noMap = SideBySideView(theme: theme, hasModel: true, isScored: true, hasMask: false).panels(layers(map: false, mask: false))
        XCTAssertEqual(noMap.map { $0.captions[0] }, ["image", "heatmap: no map"])
        XCTAssertNil(noMap[1].picture)
        let noModel = SideBySideView(theme: theme, hasModel: false, isScored: false, hasMask: false).panels(layers(map: false, mask: false))
        XCTAssertEqual(noModel[1].captions, ["heatmap: no model yet", "no model yet"])
    }

    func testNarrowPanesGetTheShortCaption() {
        let panels = [SideBySidePane.Panel(captions: ["image"], picture: PixelGrid(width: 4, height: 4)),
                      SideBySidePane.Panel(captions: ["heatmap: no map", "no map"], picture: nil)]
        var buffer = ScreenBuffer(width: 24, height: 6, fill: Theme.fallback.base)
        SideBySidePane.draw(panels, renderer: HalfBlockRenderer(colorMode: .truecolor), into: &buffer,
                            inner: Rect(x: 0, y: 0, width: 24, height: 6), theme: .fallback)
        XCTAssertEqual(buffer.row(0).trimmingCharacters(in: .whitespaces).split(separator: " ").filter { !$0.isEmpty },
                       ["image", "no", "map"])
        XCTAssertTrue(buffer.row(2).contains("▀"))
        var wide = ScreenBuffer(width: 40, height: 6, fill: Theme.fallback.base)
        SideBySidePane.draw(panels, renderer: HalfBlockRenderer(colorMode: .truecolor), into: &wide,
                            inner: Rect(x: 0, y: 0, width: 40, height: 6), theme: .fallback)
        XCTAssertTrue(wide.row(0).contains("heatmap: no map"))
    }
}
