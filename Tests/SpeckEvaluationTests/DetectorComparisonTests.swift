import Foundation
import SpeckDetectors
import SpeckImaging
import XCTest
@testable import SpeckEvaluation

/// `speck eval --detector a,b,...`: the list syntax, the runner on a tiny
/// synthetic set (a bad entry reported in its row while the rest go on),
/// and the seeds' mean and spread.
final class DetectorComparisonTests: XCTestCase {
    private var tiny: TinyDataset?

    override func tearDownWithError() throws { tiny?.remove() }

    private func runner(seeds: Int = 1) throws -> ComparisonRunner {
        tiny = try TinyDataset(trainCount: 6)
        let preprocessing = Preprocessing(resize: 32)
        return ComparisonRunner(runner: EvaluationRunner(dataset: try Dataset.discover(at: tiny!.root)), seeds: seeds) { choice, parameters in
            try DetectorRegistry.standard.makeDetector(kind: choice.kind, parameters: parameters, preprocessing: preprocessing)
        }
    }

    func testListSyntax() {
        let choices = DetectorChoice.list("patchcore, patchcore:coreset=0.01:score=topk:5,padim:taps=blocks.1+blocks.3,lbp,bogus,meanstd:eps,,spade:k=1:k=2")
        XCTAssertEqual(choices.map(\.kind), ["patchcore", "patchcore", "padim", "lbp", "bogus", "meanstd", "", "spade"])
        XCTAssertEqual(choices[1].settings, ["coreset": "0.01", "score": "topk:5"])
        XCTAssertEqual(choices[1].text, "patchcore:coreset=0.01:score=topk:5")
        XCTAssertEqual(choices[2].settings, ["taps": "blocks.1+blocks.3"])
        XCTAssertEqual(choices.map { $0.problem == nil }, [true, true, true, true, false, false, false, false])
        XCTAssertTrue(choices[4].problem!.contains("unknown detector 'bogus'"), choices[4].problem!)
        XCTAssertTrue(choices[5].problem!.contains("'eps' is not key=value"), choices[5].problem!)
        XCTAssertTrue(choices[7].problem!.contains("k is set twice"), choices[7].problem!)
        XCTAssertEqual(DetectorChoice.list("all").map(\.kind), DetectorRegistry.standard.kinds)
        XCTAssertTrue(DetectorChoice.isList("padim:channels=50"))
        XCTAssertFalse(DetectorChoice.isList("padim"))
    }

    /// Two good entries and two bad ones: the good ones get figures, the bad
    /// ones an error naming what is wrong, in the order given.
    func testComparesEntriesAndReportsTheBadOneInItsRow() throws {
        let choices = DetectorChoice.list("meanstd,lbp:cell=8,meanstd:epz=1,nosuch")
        let comparison = try runner().compare(choices)
        XCTAssertEqual(comparison.rows.map(\.entry), ["meanstd", "lbp:cell=8", "meanstd:epz=1", "nosuch"])
        XCTAssertEqual(comparison.trainImages, 6)
        XCTAssertEqual(comparison.testImages, 6)
        for row in comparison.rows.prefix(2) {
            XCTAssertNil(row.error, "\(row.entry): \(row.error ?? "")")
            XCTAssertEqual(row.runs.count, 1)
            XCTAssertEqual(row.imageAUROC?.mean, 1, row.entry)
            XCTAssertNotNil(row.aupro)
            XCTAssertGreaterThan(row.fitCPUSeconds!.mean, 0)
        }
        XCTAssertEqual(comparison.rows[1].parameters["cell"], "8")
        XCTAssertEqual(comparison.rows[1].parameters["bank"], "4096", "defaults are listed too")
        XCTAssertTrue(comparison.rows[2].error!.contains("meanstd has no parameter epz"), comparison.rows[2].error!)
        XCTAssertTrue(comparison.rows[2].runs.isEmpty)
        XCTAssertTrue(comparison.rows[3].error!.contains("unknown detector 'nosuch'"), comparison.rows[3].error!)

        let lines = DetectorComparisonTable(comparison).lines
        XCTAssertTrue(lines[0].hasPrefix("detector") && lines[0].contains("AUPRO") && lines[0].contains("fit CPU s"), lines[0])
        XCTAssertTrue(lines[1].hasPrefix("meanstd ") && lines[1].contains("1.000"), lines[1])
        XCTAssertTrue(lines[3].hasPrefix("meanstd:epz=1") && lines[3].contains("failed"), lines[3])
        XCTAssertTrue(lines.contains { $0.hasPrefix("nosuch: unknown detector") }, "\(lines)")

        let decoded = try DetectorComparison.decode(try comparison.encodedJSON())
        XCTAssertEqual(decoded, comparison)
        let json = String(decoding: try comparison.encodedJSON(), as: UTF8.self)
        XCTAssertTrue(json.contains("\"summary\"") && json.contains("\"image_auroc\""), json)
    }

    func testSpreadIsMaxMinusMinOverKnownFigures() throws {
        let spread = try XCTUnwrap(MetricSpread([0.90, nil, 0.95, 0.91]))
        XCTAssertEqual(spread.mean, 0.92, accuracy: 1e-12)
        XCTAssertEqual(spread.spread, 0.05, accuracy: 1e-12)
        XCTAssertEqual(spread.count, 3)
        XCTAssertNil(MetricSpread([nil, nil]))
    }

    /// A seeded detector runs once per seed (from its own seed= when given);
    /// one without a random element runs once.
    func testSeedsRunEachSeededEntryWithConsecutiveSeeds() throws {
        let pixels = "deepsvdd:input=pixels:side=16:epochs=3:batch=4"
        let comparison = try runner(seeds: 3).compare(DetectorChoice.list("\(pixels),\(pixels):seed=10,meanstd"))
        XCTAssertEqual(comparison.rows.map { $0.runs.map(\.seed) }, [[0, 1, 2], [10, 11, 12], [nil]])
        for row in comparison.rows { XCTAssertNil(row.error, row.error ?? "") }
        let figures = comparison.rows[0].runs.map { $0.imageAUROC! }
        let spread = try XCTUnwrap(comparison.rows[0].imageAUROC)
        XCTAssertEqual(spread.mean, figures.reduce(0, +) / 3, accuracy: 1e-12)
        XCTAssertEqual(spread.spread, figures.max()! - figures.min()!, accuracy: 1e-12)
        XCTAssertNil(comparison.rows[0].parameters["seed"], "a seeded row lists the seed per run")
        let lines = DetectorComparisonTable(comparison).lines
        XCTAssertTrue(lines.contains { $0.contains("mean ± spread") }, "\(lines)")
        XCTAssertTrue(lines.contains("ran once (no random element): meanstd"), "\(lines)")
        XCTAssertTrue(lines[1].contains("±"), lines[1])
    }
}
