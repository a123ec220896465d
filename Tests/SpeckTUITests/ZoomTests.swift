import SpeckDetectors
import SpeckImaging
@testable import SpeckTUI
import XCTest

/// The zoomed view's maths: viewport windows, cropping, the hottest spot and regions.
final class ZoomTests: XCTestCase {
    func testZoomLevelsStepAndStopAtTheEnds() {
        XCTAssertEqual(ZoomLevel.allCases.map(\.rawValue), ["fit", "1:1", "2x", "4x"])
        XCTAssertEqual(ZoomLevel.fit.closer, .actual)
        XCTAssertEqual(ZoomLevel.double.closer, .quadruple)
        XCTAssertEqual(ZoomLevel.quadruple.closer, .quadruple)
        XCTAssertEqual(ZoomLevel.actual.farther, .fit)
        XCTAssertEqual(ZoomLevel.fit.farther, .fit)
    }

    func testViewportIsCentredAndSizedByTheScale() {
        // 100 columns x 30 rows = 100 x 60 half-block pixels; at 2x, 50 x 30 image pixels.
        let viewport = Viewport(imageWidth: 900, imageHeight: 900, columns: 100, rows: 30, scale: 2, centreX: 0.5, centreY: 0.5)
        XCTAssertEqual([viewport.x, viewport.y, viewport.width, viewport.height], [425, 435, 50, 30])
        XCTAssertEqual([viewport.outputWidth, viewport.outputHeight], [100, 60])
        XCTAssertEqual(viewport.caption, "x 425..474 y 435..464")
        XCTAssertEqual(viewport.sourcePixel(outputX: 3, outputY: 5).x, 426)
        XCTAssertEqual(viewport.sourcePixel(outputX: 3, outputY: 5).y, 437)
    }

    func testViewportStaysInsideTheImage() {
        let corner = Viewport(imageWidth: 500, imageHeight: 1250, columns: 80, rows: 20, scale: 1, centreX: 0.99, centreY: 0)
        XCTAssertEqual([corner.x, corner.y, corner.width, corner.height], [420, 0, 80, 40])
        XCTAssertEqual(corner.centreFractionX, 460.0 / 500, accuracy: 1e-9)
        // An image smaller than the pane is shown whole; an odd height drops its last half cell.
        let small = Viewport(imageWidth: 30, imageHeight: 21, columns: 100, rows: 30, scale: 2, centreX: 0.2, centreY: 0.9)
        XCTAssertEqual([small.x, small.y, small.width, small.height], [0, 0, 30, 21])
        XCTAssertEqual([small.outputWidth, small.outputHeight], [60, 42])
        let odd = Viewport(imageWidth: 9, imageHeight: 7, columns: 100, rows: 30, scale: 1, centreX: 0.5, centreY: 0.5)
        XCTAssertEqual(odd.outputHeight, 6)
    }

    func testZoomedLayersRepeatEachImagePixel() {
        // A 4x2 image whose red channel counts the pixels.
        let pixels: [Float] = (0..<8).map { Float($0) / 10 } + [Float](repeating: 0, count: 16)
        let image = Image(width: 4, height: 2, channels: 3, pixels: pixels)
        let map = AnomalyMap(width: 4, height: 2, values: (0..<8).map(Float.init))
        let layers = PaneLayers(image: image, map: PlacedMap(map, preprocessing: .init()), mask: nil, width: 4, height: 2) { $0 }
        let viewport = Viewport(imageWidth: 4, imageHeight: 2, columns: 4, rows: 1, scale: 2, centreX: 1, centreY: 0)
        XCTAssertEqual([viewport.x, viewport.y, viewport.width, viewport.height], [2, 0, 2, 1])
        let zoomed = layers.zoomed(to: viewport)
        XCTAssertEqual([zoomed.width, zoomed.height, zoomed.sourceWidth], [4, 2, 4])
        XCTAssertEqual(zoomed.rawMap, [2, 2, 3, 3, 2, 2, 3, 3])
        XCTAssertEqual(stride(from: 0, to: 24, by: 3).map { zoomed.colours[$0] }, [0.2, 0.2, 0.3, 0.3, 0.2, 0.2, 0.3, 0.3])
    }

    func testHottestSpotIsTheMapMaximum() throws {
        let map = AnomalyMap(width: 3, height: 2, values: [0, 1, 2, 3, 9, 4])
        let hot = try XCTUnwrap(RegionFinder.hottest(in: map))
        XCTAssertEqual([hot.x, hot.y], [1, 1])
        XCTAssertEqual(hot.value, 9)
        XCTAssertNil(RegionFinder.hottest(in: AnomalyMap(width: 0, height: 0, values: [])))
    }

    func testRegionsAreEightConnectedAndLargestFirst() {
        let rows = [
            "#..##",
            ".#.##",
            "....#",
            "#....",
        ]
        let map = AnomalyMap(width: 5, height: 4, values: rows.flatMap { $0.map { $0 == "#" ? 1 : 0 } })
        let regions = RegionFinder.regions(in: map, atOrAbove: 0.5)
        XCTAssertEqual(regions.map(\.cells), [5, 2, 1], "the diagonal pair is one region")
        XCTAssertEqual(regions[0], MapRegion(cells: 5, minX: 3, maxX: 4, minY: 0, maxY: 2))
        XCTAssertEqual(regions[1], MapRegion(cells: 2, minX: 0, maxX: 1, minY: 0, maxY: 1))
        XCTAssertEqual(regions[2], MapRegion(cells: 1, minX: 0, maxX: 0, minY: 3, maxY: 3))
        XCTAssertEqual(RegionFinder.regions(in: map, atOrAbove: 2), [])
    }

    func testRegionIsMappedToImagePixels() {
        // A 4x4 map over a 400x200 image: each cell is 100x50 pixels.
        let region = MapRegion(cells: 3, minX: 1, maxX: 2, minY: 0, maxY: 1)
        let bounds = region.inImage(mapWidth: 4, mapHeight: 4, imageWidth: 400, imageHeight: 200)
        XCTAssertEqual(bounds.x, 100...299)
        XCTAssertEqual(bounds.y, 0...99)
        XCTAssertEqual(bounds.pixels, 15000)
        let centre = region.centreFraction(mapWidth: 4, mapHeight: 4)
        XCTAssertEqual(centre.x, 0.5)
        XCTAssertEqual(centre.y, 0.25)
        // The same map on the centre half of the image (a crop): cells are half as big, offset by a quarter.
        let cropped = region.inImage(mapWidth: 4, mapHeight: 4, imageWidth: 400, imageHeight: 200,
                                     placement: MapPlacement(left: 0.25, top: 0.25, right: 0.75, bottom: 0.75))
        XCTAssertEqual(cropped.x, 150...249)
        XCTAssertEqual(cropped.y, 50...99)
        XCTAssertEqual(cropped.pixels, 3750)
    }

    func testACroppedMapDarkensTheBordersItDidNotSee() {
        // 256 → crop 128: the map covers the centre half; outside it there is no heat and the picture is darkened.
        let image = Image(width: 8, height: 8, channels: 3, pixels: [Float](repeating: 1, count: 192))
        let map = AnomalyMap(width: 2, height: 2, values: [0, 0, 0, 1])
        let layers = PaneLayers(image: image, map: PlacedMap(map, preprocessing: Preprocessing(resize: 256, crop: 128)),
                                mask: nil, width: 8, height: 8) { $0 }
        XCTAssertTrue(layers.heat![0].isNaN)
        XCTAssertFalse(layers.heat![3 * 8 + 3].isNaN)
        let picture = ViewComposer(mode: .heatmap, opacity: 0.5, pixelThreshold: nil, theme: .fallback).compose(layers)
        XCTAssertLessThan(Int(picture[0, 0].r), 128, "outside the crop: the white image darkened")
        XCTAssertNotEqual(picture[0, 0], picture[3, 3])
    }

    func testZoomedViewLendsTheListKeysToPanning() {
        let keymap = Keymap.standard
        XCTAssertEqual(keymap.action(for: .character("j")), .moveDown)
        XCTAssertEqual(keymap.action(for: .character("j"), zoomed: true), .panDown)
        XCTAssertEqual(keymap.action(for: .left, zoomed: true), .panLeft)
        XCTAssertNil(keymap.action(for: .character("+")), "zoom keys do nothing in the list view")
        XCTAssertEqual(keymap.action(for: .character("z")), .toggleZoomView)
        XCTAssertEqual(keymap.action(for: .character("z"), zoomed: true), .toggleZoomView)
        XCTAssertEqual(keymap.action(for: .character("v"), zoomed: true), .cycleView)
        let zoomedActions = keymap.scoped(zoomed: true).bindings.map(\.action)
        XCTAssertFalse(zoomedActions.contains(.moveDown), "help in the zoomed view does not offer j for the next image")
        XCTAssertTrue(zoomedActions.contains(.moveTop))
        XCTAssertNil(keymap.action(for: .character("/"), zoomed: true), "no filtering a list that is hidden")
        XCTAssertFalse(keymap.scoped(zoomed: false).bindings.map(\.action).contains(.panLeft))
    }
}
