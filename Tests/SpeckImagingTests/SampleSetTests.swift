import XCTest
@testable import SpeckImaging

/// The demo-set generator: the promised layout and counts, determinism, and defects that
/// are real (they change the picture), visible and confined to their masks.
final class SampleSetTests: XCTestCase {
    private let generator = SampleSetGenerator()

    func testLayoutAndCounts() {
        let items = generator.items
        XCTAssertEqual(items.filter { $0.relativePath.hasPrefix("train/good/") }.count, 60)
        XCTAssertGreaterThanOrEqual(items.filter { $0.relativePath.hasPrefix("test/good/") }.count, 15)
        let defective = items.filter { $0.maskRelativePath != nil }
        XCTAssertGreaterThanOrEqual(defective.count, 20)
        XCTAssertGreaterThanOrEqual(Set(defective.compactMap(\.defectKind)).count, 3)
        for item in defective {
            let kind = item.defectKind!
            XCTAssertTrue(item.relativePath.hasPrefix("test/\(kind)/"))
            let stem = (item.relativePath as NSString).lastPathComponent.replacingOccurrences(of: ".png", with: "")
            XCTAssertEqual(item.maskRelativePath, "ground_truth/\(kind)/\(stem)_mask.png")
        }
    }

    func testSameSeedSameImage() {
        let item = generator.items[3]
        XCTAssertEqual(generator.render(item).image, generator.render(item).image)
        var other = generator
        other.seed += 1
        XCTAssertNotEqual(other.render(item).image, generator.render(item).image)
    }

    func testNormalImagesVary() {
        let first = generator.render(generator.items[0]).image, second = generator.render(generator.items[1]).image
        let meanDifference = zip(first.pixels, second.pixels).map { abs($0 - $1) }.reduce(0, +) / Float(first.pixels.count)
        XCTAssertGreaterThan(meanDifference, 0.02)
    }

    /// The same scene rendered with and without its defect (same noise): the pixels change
    /// clearly inside the mask and not at all away from it.
    func testDefectsAreVisibleAndInsideTheirMasks() throws {
        for kind in SampleSetGenerator.defectKinds {
            let item = try XCTUnwrap(generator.items.first { $0.defectKind == kind })
            let (scene, defect) = generator.plan(item)
            let with = scene.render(defect: defect), without = scene.render(defect: nil)
            let mask = try XCTUnwrap(with.mask)
            let near = mask.resized(width: 256, height: 256) // unchanged size: the mask itself
            var inside: [Float] = [], farOutside: [Float] = []
            let dilated = dilate(near, by: 3)
            for i in 0..<mask.pixels.count {
                let change = abs(with.image.pixels[i] - without.image.pixels[i])
                if mask.pixels[i] > 0 { inside.append(change) } else if dilated.pixels[i] == 0 { farOutside.append(change) }
            }
            let area = Float(inside.count) / Float(mask.pixels.count)
            XCTAssertGreaterThan(inside.count, 20, kind)
            XCTAssertLessThan(area, 0.05, "\(kind) mask covers \(area) of the image")
            XCTAssertGreaterThan(inside.reduce(0, +) / Float(inside.count), 0.03, "\(kind) barely changes the image")
            XCTAssertEqual(farOutside.max() ?? 0, 0, "\(kind) changes pixels away from its mask")
        }
    }

    /// The committed sample-images/ come from this generator (allowing for last-bit
    /// differences of the maths library on other machines).
    func testCommittedSamplesMatchTheGenerator() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sample-images").path
        for item in [generator.items[0], generator.items.first { $0.defectKind == "scratch" }!] {
            let committed = try ImageIO.decode(contentsOf: folder + "/" + item.relativePath)
            let rendered = generator.render(item).image
            XCTAssertEqual(committed.width, rendered.width)
            let differing = zip(committed.pixels, rendered.pixels).filter { abs($0 - $1) > 0.5 / 255 }
            XCTAssertLessThanOrEqual(differing.count, committed.pixels.count / 1000, item.relativePath)
            XCTAssertLessThanOrEqual(differing.map { abs($0 - $1) }.max() ?? 0, 1.5 / 255, item.relativePath)
        }
    }

    private func dilate(_ mask: Image, by radius: Int) -> Image {
        var out = mask
        for y in 0..<mask.height {
            for x in 0..<mask.width where mask[0, y, x] > 0 {
                for dy in -radius...radius {
                    for dx in -radius...radius {
                        let yy = y + dy, xx = x + dx
                        if yy >= 0, yy < mask.height, xx >= 0, xx < mask.width { out[0, yy, xx] = 1 }
                    }
                }
            }
        }
        return out
    }
}
