import SpeckDetectors
import XCTest

/// A centre-cropped map lies on the crop's part of the original image, not over all of it.
final class MapPlacementTests: XCTestCase {
    func testWholeImageWithoutACropOrWithTiles() {
        XCTAssertTrue(Preprocessing(resize: 256).mapPlacement(imageWidth: 400, imageHeight: 300).isWholeImage)
        XCTAssertTrue(Preprocessing(resize: 64, tiling: Tiling(tile: 100, overlap: 10))
            .mapPlacement(imageWidth: 400, imageHeight: 300).isWholeImage)
        XCTAssertTrue(Preprocessing(resize: 256, fit: .pad).mapPlacement(imageWidth: 400, imageHeight: 300).isWholeImage)
    }

    func testStretchedCropIsTheSameFractionOfAnyImage() {
        let placement = Preprocessing(resize: 256, crop: 224).mapPlacement(imageWidth: 400, imageHeight: 300)
        XCTAssertEqual(placement, MapPlacement(left: 16.0 / 256, top: 16.0 / 256, right: 240.0 / 256, bottom: 240.0 / 256))
    }

    func testShorterSideCropCutsMoreOfTheLongerSide() {
        // 400x200 → 200x100, crop 80: columns 60..<140, rows 10..<90.
        let placement = Preprocessing(resize: 100, crop: 80, fit: .shorter).mapPlacement(imageWidth: 400, imageHeight: 200)
        XCTAssertEqual(placement.left, 0.3, accuracy: 1e-12)
        XCTAssertEqual(placement.right, 0.7, accuracy: 1e-12)
        XCTAssertEqual(placement.top, 0.1, accuracy: 1e-12)
        XCTAssertEqual(placement.bottom, 0.9, accuracy: 1e-12)
        let centre = placement.imagePoint(mapX: 0.5, mapY: 0.5)
        XCTAssertEqual(centre.x, 0.5, accuracy: 1e-12)
        XCTAssertEqual(placement.imagePoint(mapX: 0, mapY: 1).y, 0.9, accuracy: 1e-12)
    }

    func testValuesAreNaNOutsideTheCropAndTheMapInside() {
        let map = AnomalyMap(width: 2, height: 2, values: [1, 1, 1, 1])
        let placement = MapPlacement(left: 0.25, top: 0.5, right: 0.75, bottom: 1)
        let grid = placement.values(of: map, width: 8, height: 4)
        for y in 0..<4 {
            for x in 0..<8 {
                let inside = (2..<6).contains(x) && (2..<4).contains(y)
                XCTAssertEqual(grid[y * 8 + x].isNaN, !inside, "x \(x) y \(y)")
                if inside { XCTAssertEqual(grid[y * 8 + x], 1) }
            }
        }
        XCTAssertEqual(MapPlacement.wholeImage.values(of: map, width: 3, height: 3), [Float](repeating: 1, count: 9))
    }

    func testWholeImageGridKeepsTheMapsResolutionAndTheImagesAspect() {
        let map = AnomalyMap(width: 224, height: 224, values: [Float](repeating: 0, count: 224 * 224))
        let placement = Preprocessing(resize: 256, crop: 224).mapPlacement(imageWidth: 512, imageHeight: 256)
        let grid = placement.wholeImageGrid(map: map, imageWidth: 512, imageHeight: 256)
        XCTAssertEqual(grid.height, 256)
        XCTAssertEqual(grid.width, 512)
    }
}
