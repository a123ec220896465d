import SpeckDetectors
import XCTest
@testable import SpeckWorkspace

final class LabellingQueueTests: XCTestCase {
    /// An 8x8 map that is hot (value `heat`) in one cell and cold elsewhere.
    private func signature(hotCell: Int, heat: Float = 2) -> MapSignature {
        MapSignature(cells: (0..<64).map { $0 == hotCell ? heat : 0 })
    }

    private func candidate(_ id: Int64, _ score: Double, hotCell: Int? = nil) -> LabellingQueue.Candidate {
        LabellingQueue.Candidate(imageId: id, path: "img\(id).png", score: score, signature: hotCell.map { signature(hotCell: $0) })
    }

    func testImagesNearestTheThresholdComeFirstThenFlaggedThenTheRest() {
        // Threshold 10 on scores 0...20: the band is 5% of 20 = 1 either side.
        let queue = LabellingQueue(threshold: 10, scoreRange: 0...20)
        let places = queue.order([candidate(1, 19, hotCell: 0), candidate(2, 10.04, hotCell: 1), candidate(3, 2),
                                  candidate(4, 9.5), candidate(5, 14, hotCell: 2), candidate(6, 8)])
        XCTAssertEqual(places.map(\.imageId), [2, 4, 5, 1, 6, 3])
        XCTAssertEqual(places[0].reason.text, "0.4% above the threshold")
        XCTAssertEqual(places[1].reason.text, "5.0% below the threshold")
        XCTAssertEqual(places[4].reason, .belowThreshold(ThresholdDistance(score: 8, threshold: 10, range: 20)))
        XCTAssertEqual(places[5].reason.text, "80% below the threshold: least likely to change anything")
    }

    func testFlaggedImagesComeNearestTheThresholdFirstAndLookAlikesArePushedBack() {
        let queue = LabellingQueue(threshold: 10, scoreRange: 0...20)
        // 1, 2 and 3 are flagged for the same spot (cell 5); 4 for another (cell 40).
        let places = queue.order([candidate(1, 15, hotCell: 5), candidate(2, 16, hotCell: 5),
                                  candidate(3, 17, hotCell: 5), candidate(4, 18, hotCell: 40)])
        XCTAssertEqual(places.map(\.imageId), [1, 4, 2, 3],
                       "after the first of the look-alikes, the different one comes before its twins")
        XCTAssertEqual(places[0].reason.text, "50% above the threshold; the first flagged image to compare the others with")
        XCTAssertEqual(places[1].reason.text, "80% above the threshold; unlike the other flagged images: nearest flagged one is img1.png at distance "
            + String(format: "%.3f", signature(hotCell: 5).distance(to: signature(hotCell: 40))))
        XCTAssertEqual(places[2].reason, .lookAlike(ThresholdDistance(score: 16, threshold: 10, range: 20),
                                                    of: "img1.png", distance: 0))
        XCTAssertEqual(places[2].reason.text, "60% above the threshold; looks like img1.png (distance 0.000): pushed back")
    }

    func testALabelledLookAlikeAndANearThresholdOneCountAsSeen() {
        let queue = LabellingQueue(threshold: 10, scoreRange: 0...20)
        let places = queue.order([candidate(1, 15, hotCell: 5), candidate(2, 16, hotCell: 9), candidate(3, 10.5, hotCell: 20)],
                                 labelled: [candidate(9, 18, hotCell: 5)])
        XCTAssertEqual(places.map(\.imageId), [3, 2, 1], "1 looks like the labelled 9: it goes last")
        XCTAssertEqual(places[2].reason, .lookAlike(ThresholdDistance(score: 15, threshold: 10, range: 20),
                                                    of: "img9.png", distance: 0))
    }

    func testFlaggedImagesWithoutAMapFollowTheComparedOnes() {
        let queue = LabellingQueue(threshold: 10, scoreRange: 0...20)
        let places = queue.order([candidate(1, 15), candidate(2, 19, hotCell: 3)])
        XCTAssertEqual(places.map(\.imageId), [2, 1])
        XCTAssertEqual(places[1].reason.text, "50% above the threshold; no anomaly map to compare")
    }

    func testTheSignatureAveragesTheMapOnAnEightByEightGridInThresholdUnits() {
        // A 16x16 map, 4 in its top-left 2x2 pixels: one cell at 4 / threshold 2 = 2.
        var values = [Float](repeating: 0, count: 256)
        for (x, y) in [(0, 0), (1, 0), (0, 1), (1, 1)] { values[y * 16 + x] = 4 }
        let signature = MapSignature(AnomalyMap(width: 16, height: 16, values: values), threshold: 2)
        XCTAssertEqual(signature.cells[0], 2)
        XCTAssertEqual(signature.cells.dropFirst().max(), 0)
        XCTAssertEqual(signature.distance(to: signature), 0)
        XCTAssertEqual(signature.distance(to: MapSignature(cells: [Float](repeating: 0, count: 64))), (4.0 / 64).squareRoot(),
                       accuracy: 1e-9)
    }

    func testTheWorkspaceQueueLeavesOutLabelledAndTrainingImagesAndReadsMaps() throws {
        let folder = try TemporaryFolder()
        for name in ["a", "b", "c", "d", "e", "t"] { try folder.write("\(name).png") }
        let workspace = try Workspace.create(imageRoot: folder.path)
        try Rescanner(workspace: workspace).rescan()
        let ids = Dictionary(uniqueKeysWithValues: try workspace.images().map { ($0.path, $0.id!) })
        // The fixture model's threshold is 1.5; "t.png" is one of its training images.
        let model = try StoreFixtures.recordModel(in: workspace, trainingImageIds: [ids["t.png"]!])
        func hot(_ cell: Int) -> AnomalyMap {
            AnomalyMap(width: 8, height: 8, values: (0..<64).map { $0 == cell ? 9 : 0 })
        }
        try workspace.saveScores([
            ScoredImage(imageId: ids["a.png"]!, raw: 2.9, normalised: nil, map: hot(3)),
            ScoredImage(imageId: ids["b.png"]!, raw: 3.0, normalised: nil, map: hot(3)),
            ScoredImage(imageId: ids["c.png"]!, raw: 2.8, normalised: nil, map: hot(60)),
            ScoredImage(imageId: ids["d.png"]!, raw: 0.2, normalised: nil, map: hot(3)),
            ScoredImage(imageId: ids["e.png"]!, raw: 1.52, normalised: nil),
            ScoredImage(imageId: ids["t.png"]!, raw: 1.5, normalised: nil),
        ], modelId: model.id!)
        try workspace.label([try XCTUnwrap(workspace.image(path: "d.png"))], as: .normal)

        let queue = try workspace.labellingQueue(model: model)
        XCTAssertEqual(queue.map(\.path), ["e.png", "c.png", "a.png", "b.png"])
        XCTAssertEqual(queue[0].reason.text, "1.3% above the threshold")
        XCTAssertEqual(queue[3].reason, .lookAlike(ThresholdDistance(score: 3.0, threshold: 1.5, range: 2.8),
                                                   of: "a.png", distance: 0))
        XCTAssertEqual(try workspace.labellingQueue(model: model, threshold: 2.87).first?.path, "a.png",
                       "a threshold given (the workstation's) replaces the stored one")
    }
}
