import Foundation
import XCTest
import SpeckImaging
import SpeckTensor
import SpeckTestSupport
@testable import SpeckDetectors

/// The nearest patches recorded when an image is scored are exactly what the
/// live path (a backbone pass, then a bank search per spot) finds, cell by
/// cell, and scoring with the record gives the same scores bit for bit.
final class NearestPatchRecordTests: XCTestCase {
    typealias Fixture = NearestPatchEvidenceTests

    static let testImagePath = TestData.repository.appendingPathComponent("sample-images/test/dent/000.png").path

    func fitted(_ kind: String, parameters: [String: String], preprocessing: Preprocessing) throws -> any Detector {
        let detector = try DetectorRegistry.standard.makeDetector(kind: kind, parameters: parameters, preprocessing: preprocessing)
        try detector.fit(Fixture.images(Fixture.trainingPaths(3)), context: FitContext())
        return detector
    }

    /// PatchCore with a thinned bank (the nearest is not the patch itself), SPADE, and tiled PatchCore.
    func models() throws -> [(String, any Detector)] {
        [("patchcore", try fitted("patchcore", parameters: ["coreset": "0.3"], preprocessing: Preprocessing(resize: 96, crop: 80))),
         ("spade", try fitted("spade", parameters: ["images": "2"], preprocessing: Preprocessing(resize: 96, crop: 80))),
         ("patchcore tiled", try fitted("patchcore", parameters: ["coreset": "0.3"],
                                        preprocessing: Preprocessing(resize: 64, tiling: Tiling(tile: 128, overlap: 16)))),
         ("patchcore padded", try fitted("patchcore", parameters: ["coreset": "0.3"], preprocessing: Preprocessing(resize: 64, fit: .pad)))]
    }

    func testRecordedNearestPatchIsTheLivePathsForEveryCell() throws {
        let test = try ImageIO.decode(contentsOf: Self.testImagePath)
        for (name, detector) in try models() {
            let finder = try EvidenceFinder(detector: detector)
            let prepared = try finder.prepare(test)
            let record = try finder.record(of: prepared)
            XCTAssertEqual(record.parts.count, prepared.parts.count, name)
            var cells = 0, positive = 0
            for (part, recorded) in zip(prepared.parts, record.parts) {
                guard case .features(let features) = part.lookup else { return XCTFail("\(name): a live pass has features") }
                XCTAssertEqual(recorded.gridWidth, features.grid.width, name)
                XCTAssertEqual(recorded.gridHeight, features.grid.height, name)
                for y in 0..<features.grid.height {
                    for x in 0..<features.grid.width {
                        let live = try finder.explaining.nearestStoredPatch(to: features, x: x, y: y)
                        let i = y * features.grid.width + x
                        XCTAssertEqual(try finder.explaining.storedPatch(at: Int(recorded.indices[i])), live.source, "\(name) cell \(x),\(y)")
                        XCTAssertEqual(recorded.distances[i].bitPattern, live.distance.bitPattern, "\(name) cell \(x),\(y)")
                        cells += 1
                        if live.distance > 0 { positive += 1 }
                    }
                }
            }
            XCTAssertGreaterThan(positive, cells / 2, "\(name): a new image is not in the bank")
            // Evidence read from the record is the live evidence, spot for spot.
            let recorded = try finder.prepared(from: record, map: prepared.map, imageWidth: test.width, imageHeight: test.height)
            XCTAssertTrue(recorded.isRecorded)
            for spot in [nil, (x: 5, y: 200), (x: 130, y: 77), (x: test.width - 1, y: 0)] as [(x: Int, y: Int)?] {
                let live = try finder.evidence(prepared, at: spot), read = try finder.evidence(recorded, at: spot)
                XCTAssertEqual(read.match, live.match, "\(name) \(String(describing: spot))")
                XCTAssertEqual(read.trainingFile, live.trainingFile, name)
                XCTAssertEqual(read.testBox, live.testBox, name)
                XCTAssertEqual(read.spotX, live.spotX, name)
                XCTAssertEqual(read.spotY, live.spotY, name)
                XCTAssertEqual(read.mapValue, live.mapValue, name)
            }
        }
    }

    func testScoringThatKeepsTheRecordGivesTheScoresBitForBit() throws {
        let test = try ImageIO.decode(contentsOf: Self.testImagePath)
        for (name, detector) in try models() {
            let prepared = try EvidenceFinder(detector: detector).prepare(test)
            let scored = try detector.score(test)
            XCTAssertEqual(prepared.result.score.bitPattern, scored.score.bitPattern, name)
            XCTAssertEqual(prepared.result.map?.width, scored.map?.width, name)
            XCTAssertEqual(prepared.result.map?.values.map(\.bitPattern), scored.map?.values.map(\.bitPattern), name)
        }
    }

    /// A record of another image size, map or tiling is refused (the caller then makes a backbone pass).
    func testARecordThatDoesNotFitIsRefused() throws {
        let test = try ImageIO.decode(contentsOf: Self.testImagePath)
        let detector = try fitted("patchcore", parameters: ["coreset": "0.3"], preprocessing: Preprocessing(resize: 96, crop: 80))
        let finder = try EvidenceFinder(detector: detector)
        let prepared = try finder.prepare(test)
        let record = try finder.record(of: prepared)
        XCTAssertNoThrow(try finder.prepared(from: record, map: prepared.map, imageWidth: test.width, imageHeight: test.height))
        XCTAssertThrowsError(try finder.prepared(from: record, map: prepared.map, imageWidth: test.width + 1, imageHeight: test.height)) {
            XCTAssertEqual($0 as? EvidenceError, .recordDoesNotFit)
        }
        let otherMap = AnomalyMap(width: 8, height: 8, values: [Float](repeating: 0, count: 64))
        XCTAssertThrowsError(try finder.prepared(from: record, map: otherMap, imageWidth: test.width, imageHeight: test.height))
        var twoParts = record
        twoParts.parts.append(record.parts[0])
        XCTAssertThrowsError(try finder.prepared(from: twoParts, map: prepared.map, imageWidth: test.width, imageHeight: test.height))
    }

    /// The batched candidates hold the nearest row by the fast formula, and as many rows as asked (or the bank's).
    func testCandidatesAreTheFastFormulasNearestRows() {
        var generator = SeededGenerator(seed: 7)
        let bank = PatchMatrix(rows: 700, dim: 5, values: (0..<3500).map { _ in Float.random(in: -1...1, using: &generator) })
        let queries = PatchMatrix(rows: 9, dim: 5, values: (0..<45).map { _ in Float.random(in: -1...1, using: &generator) })
        let search = NearestNeighbourSearch(bank: bank)
        let candidates = search.candidates(queries, k: 8)
        let nearest = search.nearest(queries)
        for i in 0..<queries.rows {
            XCTAssertEqual(candidates[i].count, 8)
            XCTAssertEqual(candidates[i].first, nearest.indices[i], "query \(i)")
            var exact: [Float] = []
            for j in 0..<bank.rows {
                let pairs = zip(queries.values[(i * 5)..<(i * 5 + 5)], bank.values[(j * 5)..<(j * 5 + 5)])
                exact.append(pairs.reduce(Float(0)) { sum, pair in sum + (pair.0 - pair.1) * (pair.0 - pair.1) })
            }
            let eighth = exact.sorted()[7]
            XCTAssertTrue(candidates[i].allSatisfy { exact[$0] <= eighth + 1e-5 }, "query \(i): \(candidates[i])")
        }
        XCTAssertEqual(NearestNeighbourSearch(bank: PatchMatrix(rows: 3, dim: 5, values: Array(bank.values[0..<15])))
            .candidates(queries, k: 8).map(\.count), [Int](repeating: 3, count: 9))
    }
}
