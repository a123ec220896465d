import Foundation
import SpeckImaging
import SpeckTestSupport
import XCTest

/// `speck train/score/eval` end to end through the built binary
/// (`SPECK_BINARY`, set by `./dev test`), on a tiny temporary dataset.
final class CommandLineTests: XCTestCase {
    var tiny: TinyDataset!
    var work: String!

    override func setUpWithError() throws {
        guard ProcessInfo.processInfo.environment["SPECK_BINARY"] != nil else {
            throw XCTSkip("SPECK_BINARY is not set (run through ./dev test)")
        }
        tiny = try TinyDataset()
        work = tiny.root + "-work"
        try FileManager.default.createDirectory(atPath: work + "/empty-cache", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        tiny?.remove()
        if let work { try? FileManager.default.removeItem(atPath: work) }
    }

    /// Runs speck with no weights reachable (empty cache, no SPECK_WEIGHTS).
    func speck(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["SPECK_CACHE_DIR"] = work + "/empty-cache"
        environment.removeValue(forKey: "SPECK_WEIGHTS")
        let finished = try ChildProcess.run(environment["SPECK_BINARY"]!, arguments, directory: work, environment: environment)
        return (finished.status, finished.out, finished.err)
    }

    func testEvalWithoutWeightsFallsBackToLBPAndWritesJSON() throws {
        let result = try speck(["eval", tiny.root, "--resize", "32", "--json", work + "/figures.json"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.err.contains("falling back to --detector lbp"), result.err)
        XCTAssertTrue(result.err.contains("broken.png"), "the unreadable file is listed: \(result.err)")
        XCTAssertTrue(result.out.contains("overall"), result.out)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work + "/figures.json"))) as! [String: Any]
        let overall = json["overall"] as! [String: Any]
        XCTAssertNotNil(overall["image_auroc"] as? Double)
        XCTAssertNotNil(overall["aupro"] as? Double)
        XCTAssertEqual(json["detector"] as? String, "lbp")
        let skipped = json["skipped"] as! [[String: String]]
        XCTAssertEqual(skipped.map { Set($0.keys) }, [["path", "reason"]])
        XCTAssertTrue(skipped[0]["path"]!.hasSuffix("broken.png"), "\(skipped)")
    }

    func testTrainThenScoreGivesVerdictsAndHeatmaps() throws {
        let train = try speck(["train", tiny.root, "--detector", "meanstd", "--resize", "32", "--out", "m.speck"])
        XCTAssertEqual(train.status, 0, train.err)
        let score = try speck(["score", "m.speck", tiny.root + "/test", "--format", "json", "--heatmaps", "maps"])
        XCTAssertEqual(score.status, 0, score.err)
        let rows = try JSONSerialization.jsonObject(with: Data(score.out.utf8)) as! [[String: Any]]
        XCTAssertEqual(rows.count, 6)
        let verdicts = Dictionary(grouping: rows) { ($0["label"] as? String) ?? "?" }.mapValues { $0.map { $0["verdict"] as! String } }
        XCTAssertEqual(verdicts["spot"], ["anomalous", "anomalous", "anomalous"])
        XCTAssertEqual(verdicts["good"], ["normal", "normal", "normal"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: work + "/maps").count, 6)
    }

    /// Tiles of 16 px over the 32 px images: the figures, the model file and
    /// the heatmaps cover the whole image, and the tiles are reported.
    func testTiledEvalAndScoreMapTheWholeImage() throws {
        let eval = try speck(["eval", tiny.root, "--detector", "meanstd", "--resize", "16", "--tile", "16", "--tile-overlap", "4",
                              "--json", "figures.json", "--out", "m.speck"])
        XCTAssertEqual(eval.status, 0, eval.err)
        XCTAssertTrue(eval.out.contains("resize 16, tiles 16 px overlapping 4 px"), eval.out)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work + "/figures.json"))) as! [String: Any]
        XCTAssertEqual(json["tiling"] as? [String: Int], ["tile": 16, "overlap": 4])
        XCTAssertGreaterThan((json["overall"] as! [String: Any])["pixel_auroc"] as! Double, 0.9)
        let score = try speck(["score", "m.speck", tiny.root + "/test/spot", "--format", "json", "--heatmaps", "maps"])
        XCTAssertEqual(score.status, 0, score.err)
        for name in try FileManager.default.contentsOfDirectory(atPath: work + "/maps") {
            let heatmap = try ImageIO.decode(contentsOf: work + "/maps/" + name)
            XCTAssertEqual([heatmap.width, heatmap.height], [32, 32], name)
        }
        let refused = try speck(["eval", tiny.root, "--detector", "meanstd", "--tile-overlap", "4"])
        XCTAssertTrue(refused.err.contains("--tile-overlap 4 needs --tile"), refused.err)
    }

    func testAFolderOfProductionImagesIsUnlabelled() throws {
        // images/ alone (no good/ beside it) is not a defect kind: info says so and the fit assumes rare defects.
        let plain = work + "/line"
        try FileManager.default.createDirectory(atPath: plain + "/images", withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: tiny.root + "/train/good") where name != "broken.png" {
            try FileManager.default.copyItem(atPath: tiny.root + "/train/good/" + name, toPath: plain + "/images/" + name)
        }
        let info = try speck(["info", plain])
        XCTAssertEqual(info.status, 0, info.err)
        XCTAssertTrue(info.out.contains("labels: none"), info.out)
        XCTAssertFalse(info.out.contains("labelled as defective"), info.out)
        let train = try speck(["train", plain, "--detector", "meanstd", "--resize", "32", "--out", "line.speck"])
        XCTAssertEqual(train.status, 0, train.err)
        XCTAssertTrue((train.out + train.err).contains("no images known to be good: fitting on all"), train.out + train.err)
    }

    func testCroppedHeatmapsShowTheWholeImage() throws {
        // A 16 px crop of a 32 px resize: the heatmap covers the whole 32 px image (borders dimmed), not the crop alone.
        let train = try speck(["train", tiny.root, "--detector", "meanstd", "--resize", "32", "--crop", "16", "--out", "c.speck"])
        XCTAssertEqual(train.status, 0, train.err)
        let score = try speck(["score", "c.speck", tiny.root + "/test/spot", "--format", "json", "--heatmaps", "cropped"])
        XCTAssertEqual(score.status, 0, score.err)
        let names = try FileManager.default.contentsOfDirectory(atPath: work + "/cropped")
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let heatmap = try ImageIO.decode(contentsOf: work + "/cropped/" + name)
            let original = try ImageIO.decode(contentsOf: tiny.root + "/test/spot/" + name.replacingOccurrences(of: "spot_", with: ""))
            XCTAssertEqual([heatmap.width, heatmap.height], [original.width, original.height], name)
        }
    }

    func testTrainForATargetRecallCatchesEveryLabelledDefect() throws {
        let train = try speck(["train", tiny.root, "--detector", "meanstd", "--resize", "32", "--out", "m.speck",
                               "--threshold", "recall=1.0"])
        XCTAssertEqual(train.status, 0, train.err)
        XCTAssertNotNil(train.out.firstMatch(of: /target recall=1: TP 3 FP \d+ FN 0 TN \d+ of 6 labelled images/), train.out)
        let score = try speck(["score", "m.speck", tiny.root + "/test", "--format", "json"])
        XCTAssertEqual(score.status, 0, score.err)
        let rows = try JSONSerialization.jsonObject(with: Data(score.out.utf8)) as! [[String: Any]]
        let spots = rows.filter { ($0["label"] as? String) == "spot" }
        XCTAssertEqual(spots.map { $0["verdict"] as? String }, ["anomalous", "anomalous", "anomalous"], "recall 1: no defect missed")
        // A quantile target is a quantile of the normal scores even though defects are labelled (F1 otherwise).
        let quantile = try speck(["train", tiny.root, "--detector", "meanstd", "--resize", "32", "--out", "q.speck",
                                  "--threshold", "quantile=0.5"])
        XCTAssertEqual(quantile.status, 0, quantile.err)
        XCTAssertTrue(quantile.out.contains("(50% quantile of the scores of 3 held-out normal images)"), quantile.out)
    }

    func testTrainNamesABadThresholdTarget() throws {
        let cases = ["recall=2": "recall must be above 0 and at most 1", "fpr=lots": "'lots' is not a number",
                     "speed=1": "unknown target 'speed'", "f1=1": "f1 takes no value"]
        for (value, reason) in cases {
            let train = try speck(["train", tiny.root, "--detector", "meanstd", "--resize", "32", "--threshold", value])
            XCTAssertNotEqual(train.status, 0, value)
            XCTAssertTrue(train.err.contains("--threshold '\(value)' is not a threshold target: \(reason)"), "\(value): \(train.err)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: work + "/meanstd.speck"), "nothing is trained on a bad target")
    }

    func testExportWeightsWritesTheModelArraysAsSafetensors() throws {
        XCTAssertEqual(try speck(["train", tiny.root, "--detector", "meanstd", "--resize", "32", "--out", "m.speck"]).status, 0)
        let result = try speck(["export-weights", "m.speck", "m.safetensors"])
        XCTAssertEqual(result.status, 0, result.err)
        let data = try Data(contentsOf: URL(fileURLWithPath: work + "/m.safetensors"))
        let headerLength = Int(data.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        let header = try JSONSerialization.jsonObject(with: data[8..<(8 + headerLength)]) as! [String: Any]
        XCTAssertEqual((header["__metadata__"] as? [String: String])?["detector"], "meanstd")
        let tensors = header.filter { $0.key != "__metadata__" }
        XCTAssertFalse(tensors.isEmpty)
        let end = tensors.values.compactMap { (($0 as? [String: Any])?["data_offsets"] as? [Int])?.last }.max()
        XCTAssertEqual(8 + headerLength + (end ?? -1), data.count, "the tensors fill the file exactly")
        XCTAssertNotEqual(try speck(["export-weights", "missing.speck", "x.safetensors"]).status, 0)
    }

    func testDamagedModelAndEmptyTrainingSetAreClearErrors() throws {
        XCTAssertEqual(try speck(["train", tiny.root, "--detector", "meanstd", "--resize", "32", "--out", "m.speck"]).status, 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: work + "/m.speck"))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: work + "/half.speck"))
        let damaged = try speck(["score", "half.speck", tiny.root + "/test"])
        XCTAssertNotEqual(damaged.status, 0)
        XCTAssertTrue(damaged.err.contains("half.speck") && damaged.err.contains("truncated"), damaged.err)

        let empty = try TinyDataset(trainCount: 0)
        defer { empty.remove() }
        let result = try speck(["eval", empty.root, "--detector", "lbp", "--resize", "32"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.err.contains("no readable training images"), result.err)
    }

    /// A plain folder (no train/test split) holds every 5th image out to choose the threshold:
    /// an unreadable file must not take that place, and every bad file is listed.
    func testTrainOnAPlainFolderListsUnreadableFilesAndGoesOn() throws {
        let folder = work + "/plain"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for i in 0 ..< 6 { try ImageIO.writePNG(TinyDataset.plain(seed: UInt64(300 + i)), to: folder + "/\(i < 4 ? "a" : "c")\(i).png") }
        let png = try Data(contentsOf: URL(fileURLWithPath: folder + "/a0.png"))
        try png.prefix(png.count / 2).write(to: URL(fileURLWithPath: folder + "/b.png"))   // sorts fifth
        try Data("hello".utf8).write(to: URL(fileURLWithPath: folder + "/x.png"))
        let result = try speck(["train", folder, "--detector", "meanstd", "--resize", "32", "--out", "m.speck"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.err.contains("b.png: truncated PNG"), result.err)
        XCTAssertTrue(result.err.contains("x.png: not a PNG"), result.err)
        XCTAssertTrue(result.out.contains("trained meanstd on 5 images"), result.out)

        // Nothing readable: the files are listed before the error.
        for i in 0 ..< 6 { try FileManager.default.removeItem(atPath: folder + "/\(i < 4 ? "a" : "c")\(i).png") }
        let failed = try speck(["train", folder, "--detector", "meanstd", "--resize", "32", "--out", "m.speck"])
        XCTAssertNotEqual(failed.status, 0)
        let listed = try XCTUnwrap(failed.err.range(of: "b.png: truncated PNG")), error = try XCTUnwrap(failed.err.range(of: "Error:"))
        XCTAssertTrue(listed.lowerBound < error.lowerBound && failed.err.contains("x.png: not a PNG"), failed.err)
    }
}
