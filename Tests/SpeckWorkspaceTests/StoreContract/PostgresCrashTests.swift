import Foundation
import SpeckDetectors
import XCTest
@testable import SpeckWorkspace

/// SIGKILL of writers to a PostgreSQL workspace at random moments, as
/// `CrashHarnessTests` does for SQLite: the label-and-model writer and a
/// scoring run, killed over several rounds. After each kill the workspace
/// opens and holds nothing half-written; a rerun of the scoring ends with the
/// scores of an unkilled run, bit for bit. `SPECK_CRASH_SEED` repeats a run.
final class PostgresCrashTests: XCTestCase {
    private let seed = UInt64(ProcessInfo.processInfo.environment["SPECK_CRASH_SEED"] ?? "") ?? UInt64.random(in: 1 ... 1_000_000)

    func testKilledLabelWritersLoseNoReportedLabelAndLeaveNoHalfSavedModel() throws {
        let server = try PostgresTestServer.shared()
        let binary = try XCTUnwrap(SpeckBinary.path(), "build speck first or set SPECK_BINARY")
        let folder = try TemporaryFolder()
        for i in 0 ..< 20 { try folder.write("images/good/\(i).png", "image \(i)") }
        let address = try server.newDatabase()
        let created = try Workspace.create(imageRoot: folder.path + "/images", store: try StoreAddress(parsing: address),
                                           blobs: folder.path + "/blobs")
        try Rescanner(workspace: created).rescan()
        var writer = CrashWriter(binary: binary, workspaceArguments: ["--store", address], scratchFolder: folder.path)
        writer.labels = 1000
        writer.modelAfter = 500

        let full = try writer.run(tag: "full", killAfter: nil)
        XCTAssertEqual(full.labels.count, 1000, full.errorOutput)
        XCTAssertEqual(full.models.count, 1, full.errorOutput)
        var checked = Set<String>()
        try verifyLabels(address, tag: "full", holds: full, &checked, "full run")

        var random = SplitMix64(seed: seed)
        let trials = 12
        var midRun = 0, beforeModel = 0, afterModel = 0
        for trial in 0 ..< trials {
            // Spread over the run: each trial kills within its own twelfth, at a random point.
            let delay = (Double(trial) + Double(random.next() % 1000) / 1000) / Double(trials) * full.seconds
            let result = try writer.run(tag: "t\(trial)", killAfter: delay)
            let context = "trial \(trial), kill after \(Int(delay * 1000)) ms, seed \(seed)"
            XCTAssertTrue(result.killed || result.labels.count == 1000, "\(context): \(result.errorOutput)")
            if result.killed && (1 ..< 1000).contains(result.labels.count) { midRun += 1 }
            if result.models.isEmpty { beforeModel += 1 } else { afterModel += 1 }
            try verifyLabels(address, tag: "t\(trial)", holds: result, &checked, context)
        }
        print("PostgreSQL crash harness (labels): \(trials) kills within runs of \(Int(full.seconds * 1000)) ms "
            + "(seed \(seed)): \(midRun) mid-run, \(beforeModel) before the model save, all clean")
        // The first moments go to start-up (connecting, listing the images): not every kill can land mid-run.
        XCTAssertGreaterThanOrEqual(midRun, trials / 3, "kills must land mid-run (seed \(seed))")
        XCTAssertGreaterThan(beforeModel, 0, "some kills before the model save (seed \(seed))")
        XCTAssertGreaterThan(afterModel, 0, "some kills after the model save (seed \(seed))")
    }

    /// Reopens the workspace (as a new process would) and checks every reported
    /// label is in the history, whole and in order, and every recorded model's
    /// file reads back; `checkedFiles` holds model files already read whole.
    private func verifyLabels(_ address: String, tag: String, holds result: CrashWriter.Result,
                              _ checkedFiles: inout Set<String>, _ context: String) throws {
        let workspace = try Workspace.open(try StoreAddress(parsing: address))
        let history = try workspace.labelHistory()
        let stored = Set(history.map { "\($0.imageId) \($0.verdict.rawValue) \($0.note ?? "")" })
        let lost = Set(result.labels).subtracting(stored)
        XCTAssertTrue(lost.isEmpty, "\(context): \(lost.count) reported labels lost, e.g. \(lost.prefix(3))")
        // One transaction per label: the run's labels are its first k writes, k at most one past what it reported
        // (a commit the kill cut off before its line was printed).
        let notes = history.compactMap(\.note).filter { $0.hasPrefix(tag + "-") }
        let numbers = notes.compactMap { Int($0.dropFirst(tag.count + 1)) }.sorted()
        XCTAssertEqual(numbers, Array(0 ..< numbers.count), "\(context): the run's labels are not its first writes")
        XCTAssertTrue((result.labels.count ... result.labels.count + 1).contains(numbers.count),
                      "\(context): \(numbers.count) labels stored, \(result.labels.count) reported")
        XCTAssertTrue(history.allSatisfy { !$0.author.isEmpty }, "\(context): a label without its author")

        let models = try workspace.models()
        for name in result.models {
            XCTAssertTrue(models.contains { $0.name == name }, "\(context): reported model \(name) not recorded")
        }
        for model in models where !checkedFiles.contains(model.file) {
            XCTAssertNoThrow(try workspace.modelFile(of: model), "\(context): recorded model \(model.name) has no whole file")
            checkedFiles.insert(model.file)
        }
    }

    func testKilledScoringRunsLeaveWholeScoresAndRerunsEndWithTheUnkilledScores() throws {
        let server = try PostgresTestServer.shared()
        // 117 images: four transactions of 32, so kills land before, between and inside them.
        let fixture = try ShardScoringFixture(server: server, copies: 3)
        let (reference, unkilled, expected) = try fixture.referenceRun()
        let imageCount = try fixture.workspace.images().count
        XCTAssertEqual(expected.count, imageCount, "the unkilled run scores every image")
        let referenceMaps = try mapBytes(of: expected, in: fixture)
        // A rerun with nothing left to do: the start-up every run pays before its first image.
        let idle = try KillableProcess.run(fixture.scoreArguments(reference), outputFolder: fixture.folder.path)
        XCTAssertTrue(idle.output.contains(", 0 to score"), idle.output + idle.errorOutput)
        let perImage = max(0, unkilled.seconds - idle.seconds) / Double(imageCount)

        var random = SplitMix64(seed: seed)
        var kills = 0, partial = 0
        for round in 0 ..< 3 {
            // Each round a fresh model record: killed again and again at random moments until a run ends by itself.
            let model = try fixture.newModel()
            var finished = false
            for attempt in 0 ..< 6 where !finished {
                // A moment within what this run has left to do: start-up, then the images not yet scored.
                let left = idle.seconds + perImage * Double(imageCount - (try fixture.scores(of: model).count))
                let delay = Double(random.next() % 1000) / 1000 * left
                let run = try KillableProcess.run(fixture.scoreArguments(model), outputFolder: fixture.folder.path,
                                               killAfter: attempt < 5 ? delay : nil)
                let context = "round \(round) attempt \(attempt), kill after \(Int(delay * 1000)) ms, seed \(seed)"
                XCTAssertTrue(run.killed || run.exitStatus == 0, "\(context): \(run.errorOutput)")
                finished = !run.killed
                let stored = try fixture.scores(of: model)
                if run.killed {
                    kills += 1
                    if (1 ..< imageCount).contains(stored.count) { partial += 1 }
                }
                try verifyScores(stored, equal: expected, maps: referenceMaps, fixture, context)
                XCTAssertNoThrow(try fixture.workspace.modelFile(of: model), "\(context): model file damaged")
            }
            XCTAssertEqual(try fixture.scores(of: model).count, imageCount, "round \(round): the rerun scored every image")
        }
        print("PostgreSQL crash harness (scoring): \(kills) kills within runs of \(Int(unkilled.seconds * 1000)) ms "
            + "(seed \(seed)): \(partial) left part of the images scored, all whole")
        XCTAssertGreaterThan(partial, 0, "some kills must land between the first and the last batch (seed \(seed))")
    }

    /// Every stored score equals the unkilled run's, bit for bit, and has its map file, whole and identical.
    private func verifyScores(_ stored: [Int64: ScoreRecord], equal expected: [Int64: ScoreRecord], maps: [Int64: Data],
                              _ fixture: ShardScoringFixture, _ context: String) throws {
        for (imageId, score) in stored {
            XCTAssertEqual(score.raw.bitPattern, expected[imageId]?.raw.bitPattern, "\(context): image \(imageId)")
            XCTAssertEqual(score.normalised?.bitPattern, expected[imageId]?.normalised?.bitPattern, "\(context): image \(imageId)")
            let map = score.mapFile.flatMap { try? Data(contentsOf: fixture.workspace.location.mapsFolder.appendingPathComponent($0)) }
            XCTAssertNotNil(map.flatMap(AnomalyMapCodec.decode), "\(context): image \(imageId) has no readable map")
            XCTAssertEqual(map, maps[imageId], "\(context): image \(imageId)'s map differs from the unkilled run's")
        }
    }

    private func mapBytes(of scores: [Int64: ScoreRecord], in fixture: ShardScoringFixture) throws -> [Int64: Data] {
        try scores.mapValues { score in
            try Data(contentsOf: fixture.workspace.location.mapsFolder.appendingPathComponent(try XCTUnwrap(score.mapFile)))
        }
    }
}
