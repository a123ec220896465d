import XCTest
@testable import SpeckWorkspace

final class RescanTests: XCTestCase {
    func testFindsNewChangedTouchedDeletedAndRestoredFiles() throws {
        let folder = try TemporaryFolder()
        for name in ["a", "b", "c", "d"] { try folder.write("good/\(name).png", "contents of \(name)") }
        try folder.write("notes.txt", "not an image")
        try folder.write(".hidden.png", "hidden")
        let workspace = try Workspace.create(imageRoot: folder.path)
        let scanner = Rescanner(workspace: workspace)

        let first = try scanner.rescan()
        XCTAssertEqual(first.added, ["good/a.png", "good/b.png", "good/c.png", "good/d.png"])
        XCTAssertEqual(try scanner.rescan(), { var r = RescanReport(); r.unchanged = 4; return r }())

        try folder.write("good/b.png", "new contents of b, longer")        // changed
        try folder.setModificationTime("good/c.png", 1_600_000_000)         // touched only
        try FileManager.default.removeItem(atPath: folder.path + "/good/d.png") // deleted
        try folder.write("bad/e.png", "contents of e")                      // new
        let second = try scanner.rescan()
        XCTAssertEqual(second.added, ["bad/e.png"])
        XCTAssertEqual(second.changed, ["good/b.png"])
        XCTAssertEqual(second.removed, ["good/d.png"])
        XCTAssertEqual(second.touched, 1)
        XCTAssertEqual(second.unchanged, 1)
        XCTAssertNotNil(try workspace.image(path: "good/d.png")?.missingSince, "a deleted file is kept as missing")

        try folder.write("good/d.png", "contents of d")
        let third = try scanner.rescan()
        XCTAssertEqual(third.restored, ["good/d.png"])
        XCTAssertNil(try workspace.image(path: "good/d.png")?.missingSince)
    }

    func testAChangedImageLosesItsScoresAndMapsButKeepsItsLabels() throws {
        let folder = try TemporaryFolder()
        try folder.write("x.png", "one")
        try folder.write("y.png", "two")
        let workspace = try Workspace.create(imageRoot: folder.path)
        try Rescanner(workspace: workspace).rescan()
        let model = try StoreFixtures.recordModel(in: workspace)
        let x = try XCTUnwrap(try workspace.image(path: "x.png"))
        let y = try XCTUnwrap(try workspace.image(path: "y.png"))
        let map = StoreFixtures.map(side: 4)
        try workspace.saveScores([ScoredImage(imageId: x.id!, raw: 1, normalised: 0.7, map: map),
                                  ScoredImage(imageId: y.id!, raw: 2, normalised: 0.9, map: map)], modelId: model.id!)
        try workspace.label([x], as: .normal)
        let xMap = workspace.location.mapsFolder.appendingPathComponent("\(model.id!)/\(x.id!).f16").path
        XCTAssertTrue(FileManager.default.fileExists(atPath: xMap))

        try folder.write("x.png", "one, edited")
        let report = try Rescanner(workspace: workspace).rescan()
        XCTAssertEqual(report.changed, ["x.png"])
        XCTAssertEqual(report.invalidatedScores, 1)
        XCTAssertEqual(Set(try workspace.scores(modelId: model.id!).keys), [y.id!])
        XCTAssertFalse(FileManager.default.fileExists(atPath: xMap))
        XCTAssertEqual(try workspace.currentLabels().map(\.path), ["x.png"])
    }

    func testMVTecMasksAreNotImagesToScore() throws {
        let folder = try TemporaryFolder()
        try folder.write("train/good/000.png")
        try folder.write("test/crack/000.png")
        try folder.write("ground_truth/crack/000_mask.png")
        let workspace = try Workspace.create(imageRoot: folder.path)
        let report = try Rescanner(workspace: workspace).rescan()
        XCTAssertEqual(report.added, ["test/crack/000.png", "train/good/000.png"])
    }
}
