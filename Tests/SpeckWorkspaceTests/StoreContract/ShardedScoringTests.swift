import Foundation
import SpeckDetectors
import XCTest
@testable import SpeckWorkspace

/// `speck score MODEL DIR --store … --shard I/N` on four processes at once
/// against one PostgreSQL workspace gives exactly the scores of one run
/// without shards, and a rerun of a finished shard scores nothing again.
final class ShardedScoringTests: XCTestCase {
    func testShardsAreDisjointStableAndCoverEveryPath() throws {
        let paths = (0 ..< 400).map { "test/kind\($0 % 7)/\($0).png" }
        let shards = try (0 ..< 4).map { try Shard(parsing: "\($0)/4") }
        for path in paths {
            XCTAssertEqual(shards.filter { $0.contains(relativePath: path) }.count, 1, path)
        }
        let sizes = shards.map { shard in paths.filter { shard.contains(relativePath: $0) }.count }
        XCTAssertTrue(sizes.allSatisfy { $0 > 60 }, "slices are of similar size: \(sizes)")
        // FNV-1a of "a": a fixed value, the same in every process and on every machine.
        XCTAssertEqual(Shard.stableHash("a"), 0xaf63_dc4c_8601_ec8c)
        for bad in ["4/4", "-1/4", "1", "a/b", "0/0"] {
            XCTAssertThrowsError(try Shard(parsing: bad), bad)
        }
    }

    func testFourShardsInParallelGiveTheScoresOfOneUnshardedRun() throws {
        let server = try PostgresTestServer.shared()
        let binary = try XCTUnwrap(SpeckBinary.path(), "build speck first or set SPECK_BINARY")
        let folder = try TemporaryFolder()
        // The repository's sample images: a read-only image root is fine, nothing is written beside it.
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sample-images").path
        let modelPath = folder.path + "/lbp.speck"
        let trained = try run(binary, ["train", samples, "--detector", "lbp", "--out", modelPath])
        XCTAssertEqual(trained.status, 0, trained.output)

        let address = try server.newDatabase()
        let workspace = try Workspace.create(imageRoot: samples, store: try StoreAddress(parsing: address),
                                             blobs: folder.path + "/blobs")
        try Rescanner(workspace: workspace).rescan()
        let model = try workspace.saveModel(try ModelFile.read(from: URL(fileURLWithPath: modelPath)), trainingImageIds: [],
                                            fitSeconds: 0)
        let shards = try (0 ..< 4).map { index in
            try start(binary, ["score", model.name, samples + "/test", "--store", address, "--shard", "\(index)/4"])
        }
        let outputs = shards.map { $0() }
        for output in outputs { XCTAssertEqual(output.status, 0, output.output) }

        let unsharded = try run(binary, ["score", modelPath, samples + "/test", "--format", "csv"])
        XCTAssertEqual(unsharded.status, 0, unsharded.output)
        var expected: [String: Float] = [:]
        for line in unsharded.output.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            guard fields.count >= 2, let score = Float(fields[1]) else { continue }
            expected[String(fields[0])] = score
        }
        XCTAssertGreaterThan(expected.count, 10)

        // "shard 1/4 of 23 images: 6 in this shard, 0 already scored by m1, 6 to score"
        let toScore = outputs.map { output in
            output.output.split(separator: "\n").first { $0.hasPrefix("shard ") && $0.contains(" to score") }
                .flatMap { line in line.split(separator: ",").last?.split(separator: " ").first.flatMap { Int($0) } } ?? -1
        }
        XCTAssertEqual(toScore.reduce(0, +), expected.count, "the shards split the images between them: \(toScore)")
        XCTAssertTrue(toScore.allSatisfy { $0 > 0 }, "every shard had work: \(toScore)")

        let stored = try workspace.scores(modelId: model.id!)
        let paths = Dictionary(try workspace.images().map { ($0.id!, $0.path) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(stored.count, expected.count, "every image scored once, by exactly one shard")
        for (imageId, score) in stored {
            let path = workspace.location.absolutePath(ofImage: paths[imageId]!)
            XCTAssertEqual(Float(score.raw), expected[path], "bit for bit: \(path)")
        }

        let rerun = try run(binary, ["score", model.name, samples + "/test", "--store", address, "--shard", "2/4"])
        XCTAssertEqual(rerun.status, 0, rerun.output)
        XCTAssertTrue(rerun.output.contains("0 to score"), rerun.output)
    }

    private typealias Finished = (status: Int32, output: String)

    private func run(_ binary: String, _ arguments: [String]) throws -> Finished {
        try start(binary, arguments)()
    }

    /// Starts the binary; the returned closure waits for it.
    private func start(_ binary: String, _ arguments: [String]) throws -> () -> Finished {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "SPECK_STORE")
        process.environment = environment
        let output = TemporaryOutput()
        process.standardOutput = output.handle
        process.standardError = output.handle
        try process.run()
        return {
            process.waitUntilExit()
            return (process.terminationStatus, output.text())
        }
    }
}

/// A child process's output gathered in a file: four children writing to
/// pipes nobody reads at once could block each other.
private final class TemporaryOutput {
    private let path = NSTemporaryDirectory() + "speck-output-" + UUID().uuidString
    let handle: FileHandle

    init() {
        FileManager.default.createFile(atPath: path, contents: nil)
        handle = FileHandle(forWritingAtPath: path)!
    }

    func text() -> String {
        defer { try? FileManager.default.removeItem(atPath: path) }
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
