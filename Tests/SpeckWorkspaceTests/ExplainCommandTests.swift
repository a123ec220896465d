import Foundation
import XCTest

/// `speck explain` end to end through the built binary on a copy of the
/// sample images: a training image is its own nearest normal patch at
/// distance 0, `--at` and `--out` work, and a training image gone from disk is said plainly.
final class ExplainCommandTests: XCTestCase {
    var folder: TemporaryFolder!

    override func setUpWithError() throws {
        _ = try XCTUnwrap(SpeckBinary.path(), "build speck first or set SPECK_BINARY")
        folder = try TemporaryFolder()
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sample-images").path
        for (from, to) in [("train/good", "train/good"), ("test/dent", "test/dent")] {
            try FileManager.default.createDirectory(atPath: folder.path + "/" + to, withIntermediateDirectories: true)
            for i in 0..<4 {
                let name = String(format: "%03d.png", i)
                try FileManager.default.copyItem(atPath: "\(samples)/\(from)/\(name)", toPath: "\(folder.path)/\(to)/\(name)")
            }
        }
    }

    override func tearDown() { folder = nil }

    func speck(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try SpeckBinary.run(arguments)
    }

    func testExplainTracesATrainingImageToItselfAndWritesCrops() throws {
        let model = folder.path + "/patchcore.speck"
        let train = try speck(["train", folder.path, "--detector", "patchcore", "--param", "coreset=1.0",
                               "--resize", "64", "--out", model])
        XCTAssertEqual(train.status, 0, train.err)
        let image = folder.path + "/train/good/002.png"
        let hottest = try speck(["explain", model, image])
        XCTAssertEqual(hottest.status, 0, hottest.err)
        XCTAssertTrue(hottest.out.contains("(hottest spot of the map)"), hottest.out)
        XCTAssertTrue(hottest.out.contains("nearest   \(image)\n"), hottest.out)
        XCTAssertTrue(hottest.out.contains("distance  0\n"), hottest.out)

        let out = folder.path + "/crops"
        let picked = try speck(["explain", model, folder.path + "/test/dent/001.png", "--at", "40,200", "--out", out])
        XCTAssertEqual(picked.status, 0, picked.err)
        XCTAssertTrue(picked.out.contains("spot      x 40 y 200  map value"), picked.out)
        XCTAssertNotNil(picked.out.firstMatch(of: /nearest   .*\/train\/good\/00[0-3]\.png\n/), picked.out)
        XCTAssertNotNil(picked.out.firstMatch(of: /position  x \d+\.\.\d+ y \d+\.\.\d+  \(cell \d+,\d+ of \d+x\d+\)/), picked.out)
        for name in ["001-test.png", "001-nearest.png", "001-side-by-side.png"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + name), "\(name) not written: \(picked.out)")
        }

        // A copy of the training image traces to the original; once that is deleted, evidence says so.
        let copy = folder.path + "/copy-002.png"
        try FileManager.default.copyItem(atPath: image, toPath: copy)
        try FileManager.default.removeItem(atPath: image)
        let gone = try speck(["explain", model, copy])
        XCTAssertEqual(gone.status, 0, gone.err)
        XCTAssertTrue(gone.out.contains("nearest   \(image)\n"), gone.out)
        XCTAssertTrue(gone.out.contains("note      training image \(image) is no longer there (moved or deleted since the fit)"), gone.out)
        let missing = try speck(["explain", model, image])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.err.contains("002.png"), "the missing test image is named: \(missing.err)")
    }
}
