import Foundation
import XCTest

/// `speck eval --detector a,b,...`, `--seeds` and `speck info MODEL` through
/// the built binary (`SPECK_BINARY`, set by `./dev test`), with no weights
/// reachable: a detector that needs them fails in its own row.
final class CommandLineComparisonTests: XCTestCase {
    private var tiny: TinyDataset!
    private var work: String!

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

    private func speck(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SPECK_BINARY"]!)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SPECK_CACHE_DIR"] = work + "/empty-cache"
        environment.removeValue(forKey: "SPECK_WEIGHTS")
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: work)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    func testComparisonTableAndJSONWithAFailingEntry() throws {
        let result = try speck(["eval", tiny.root, "--detector", "meanstd,lbp:cell=8,patchcore", "--resize", "32",
                                "--json", work + "/rows.json"])
        XCTAssertEqual(result.status, 0, result.err)
        XCTAssertTrue(result.err.contains("[3/3] patchcore"), "progress per entry: \(result.err)")
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
