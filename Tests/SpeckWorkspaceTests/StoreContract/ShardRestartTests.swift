import Foundation
import XCTest
@testable import SpeckWorkspace

/// The PostgreSQL server restarts in the middle of `speck score … --shard 1/2`,
/// end to end through the CLI: the run rides through (the store reconnects,
/// waiting for the server, and retries the interrupted call) and the shard
/// ends with exactly the scores of an uninterrupted run.
final class ShardRestartTests: XCTestCase {
    func testAShardRunGoesOnAfterTheServerRestarts() throws {
        try scoreShardWhileTheServer { try $0.restart() }
    }

    func testAShardRunGoesOnAfterTheServerWasDownForSeconds() throws {
        try scoreShardWhileTheServer { try $0.restart(downFor: 3) }
    }

    private func scoreShardWhileTheServer(_ interruption: (PostgresTestServer) throws -> Void) throws {
        let server = try PostgresTestServer.shared()
        // 234 images, 117 or so in the shard: four batches of 32, seconds of work after the first commit.
        let fixture = try ShardScoringFixture(server: server, copies: 6)
        let expected = try fixture.referenceRun().scores
        let shard = try Shard(parsing: "1/2")
        let paths = Dictionary(try fixture.workspace.images().map { ($0.id!, $0.path) }, uniquingKeysWith: { a, _ in a })
        let inShard = Set(paths.filter { shard.contains(relativePath: $0.value) }.keys)

        let model = try fixture.newModel()
        let run = try KillableProcess(fixture.scoreArguments(model, ["--shard", "1/2"]), outputFolder: fixture.folder.path)
        // The first batch committed: the run is under way, with batches still to go.
        var storedBefore = 0
        let deadline = Date().addingTimeInterval(60)
        while storedBefore == 0 && Date() < deadline {
            usleep(20_000)
            storedBefore = try fixture.workspace.scores(modelId: model.id!).count
        }
        try interruption(server)
        let finished = run.wait()
        XCTAssertTrue((1 ..< inShard.count).contains(storedBefore),
                      "the server went down mid-run: \(storedBefore) of \(inShard.count) stored before")
        XCTAssertEqual(finished.exitStatus, 0, "the run rides through: " + finished.output + finished.errorOutput)
        XCTAssertTrue(finished.output.contains("shard 1/2: scored \(inShard.count),"), finished.output)
        print("shard run rode through the server going down with \(storedBefore) of \(inShard.count) images stored, "
            + String(format: "in %.1f s", finished.seconds))

        let stored = try fixture.scores(of: model)
        XCTAssertEqual(Set(stored.keys), inShard, "exactly the shard's images scored")
        for (imageId, score) in stored {
            XCTAssertEqual(score.raw.bitPattern, expected[imageId]?.raw.bitPattern, "bit for bit: \(paths[imageId]!)")
            XCTAssertNotNil(fixture.workspace.anomalyMap(of: score), "map of \(paths[imageId]!)")
        }
    }
}
