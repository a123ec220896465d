import Foundation
import XCTest

/// `speck eval --detector a,b,...`, `--seeds` and `speck info MODEL` through
/// the built binary, with no weights reachable: a detector that needs them
/// fails in its own row.
extension CommandLineTests {
    func testComparisonTableAndJSONWithAFailingEntry() throws {
        let result = try speck(["eval", tiny.root, "--detector", "meanstd,lbp:cell=8,patchcore", "--resize", "32",
                                "--json", work + "/rows.json"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.err.contains("[3/3] patchcore"), "progress per entry: \(result.err)")
        XCTAssertTrue(result.err.contains("broken.png: "), "the unreadable file is named with its reason: \(result.err)")
        let lines = result.out.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("detector") && $0.contains("fit CPU s") && $0.contains("ms/image") }, result.out)
        XCTAssertTrue(lines.contains { $0.hasPrefix("meanstd ") && $0.contains("1.000") }, result.out)
        XCTAssertTrue(lines.contains { $0.hasPrefix("patchcore ") && $0.contains("failed") }, result.out)
        XCTAssertTrue(lines.contains { $0.hasPrefix("patchcore: ") && $0.contains("weights") }, result.out)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: work + "/rows.json"))) as! [String: Any]
        let rows = json["rows"] as! [[String: Any]]
        XCTAssertEqual(rows.map { $0["entry"] as? String }, ["meanstd", "lbp:cell=8", "patchcore"])
        XCTAssertNotNil((rows[0]["summary"] as? [String: Any])?["image_auroc"])
        XCTAssertNotNil(rows[2]["error"] as? String)
    }

    func testBadSeedsAndOutWithAListAreRefused() throws {
        let seeds = try speck(["eval", tiny.root, "--detector", "meanstd", "--seeds", "0"])
        XCTAssertNotEqual(seeds.status, 0)
        XCTAssertTrue(seeds.err.contains("--seeds 0"), seeds.err)
        let out = try speck(["eval", tiny.root, "--detector", "meanstd,lbp", "--out", "m.speck"])
        XCTAssertNotEqual(out.status, 0)
        XCTAssertTrue(out.err.contains("--out"), out.err)
    }

    /// Every value the model was fitted with, defaults included, is shown.
    func testInfoShowsAModelsParameters() throws {
        let train = try speck(["train", tiny.root, "--detector", "lbp", "--param", "cell=8", "--resize", "32", "--out", "m.speck"])
        XCTAssertEqual(train.status, 0, train.err)
        let info = try speck(["info", "m.speck"])
        XCTAssertEqual(info.status, 0, info.err)
        for line in ["detector: lbp", "resize 32", "cell=8", "bank=4096", "sigma=4.0", "mode=auto", "normalise=position", "threshold:"] {
            XCTAssertTrue(info.out.contains(line), "\(line) missing:\n\(info.out)")
        }
    }
}
