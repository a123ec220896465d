import Foundation
import SpeckDetectors
import XCTest
@testable import SpeckWorkspace

/// The nearest patches kept beside a cached map: read back exactly, written
/// atomically, removed with a rescoring that has none, and absent (so evidence
/// falls back to a backbone pass) for maps written before they were kept.
final class NearestPatchSidecarTests: XCTestCase {
    static func record(score: Float, parts: Int = 1) -> NearestPatchRecord {
        let part = NearestPatchRecord.Part(gridWidth: 3, gridHeight: 2, indices: [0, 7, 2, 100_000, 5, 1],
                                           distances: [0, 0.25, 1.5, 3.0e-7, 12.75, .leastNonzeroMagnitude])
        return NearestPatchRecord(imageWidth: 640, imageHeight: 480, score: score, mapWidth: 8, mapHeight: 8, hottestCell: 13,
                                  parts: [NearestPatchRecord.Part](repeating: part, count: parts))
    }

    func testCodecRoundTripIsExactAndRefusesTruncatedOrForeignData() throws {
        for parts in [1, 4] {
            let record = Self.record(score: 2.125, parts: parts)
            let data = NearestPatchRecordCodec.encode(record)
            XCTAssertEqual(data.count, 8 + 7 * 4 + parts * (8 + 6 * 8))
            XCTAssertEqual(NearestPatchRecordCodec.decode(data), record)
            XCTAssertNil(NearestPatchRecordCodec.decode(data.dropLast()))
            XCTAssertNil(NearestPatchRecordCodec.decode(data + Data([0])))
        }
        XCTAssertNil(NearestPatchRecordCodec.decode(AnomalyMapCodec.encode(StoreFixtures.map(side: 4))))
    }

    func testSavedScoresKeepTheRecordBesideTheMapAndOlderMapsHaveNone() throws {
        let folder = try TemporaryFolder()
        for name in ["a", "b"] { try folder.write("\(name).png") }
        let workspace = try Workspace.create(imageRoot: folder.path)
        try Rescanner(workspace: workspace).rescan()
        let ids = Dictionary(uniqueKeysWithValues: try workspace.images().map { ($0.path, $0.id!) })
        let model = try StoreFixtures.recordModel(in: workspace)
        let record = Self.record(score: 2.5)
        try workspace.saveScores([
            ScoredImage(imageId: ids["a.png"]!, raw: 2.5, normalised: nil, map: StoreFixtures.map(side: 8), nearestPatches: record),
            ScoredImage(imageId: ids["b.png"]!, raw: 1.0, normalised: nil, map: StoreFixtures.map(side: 8)),
        ], modelId: model.id!)
        var scores = try workspace.scores(modelId: model.id!)
        XCTAssertEqual(workspace.nearestPatches(of: scores[ids["a.png"]!]!), record)
        XCTAssertNil(workspace.nearestPatches(of: scores[ids["b.png"]!]!), "a map written without a record: evidence falls back")
        let mapsFolder = workspace.location.mapsFolder.appendingPathComponent(String(model.id!)).path
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: mapsFolder).sorted(),
                       ["\(ids["a.png"]!).f16", "\(ids["a.png"]!).nearest", "\(ids["b.png"]!).f16"].sorted(),
                       "written in place by rename: no temporary file left")

        // A record of another scoring (its score differs) is not taken for this one.
        var stale = scores[ids["a.png"]!]!
        stale.raw = 2.75
        XCTAssertNil(workspace.nearestPatches(of: stale))

        // Scored again without a record (another detector path): the old record goes.
        try workspace.saveScores([ScoredImage(imageId: ids["a.png"]!, raw: 2.5, normalised: nil, map: StoreFixtures.map(side: 8))],
                                 modelId: model.id!)
        scores = try workspace.scores(modelId: model.id!)
        XCTAssertNil(workspace.nearestPatches(of: scores[ids["a.png"]!]!))
        XCTAssertFalse(FileManager.default.fileExists(atPath: mapsFolder + "/\(ids["a.png"]!).nearest"))
    }
}
