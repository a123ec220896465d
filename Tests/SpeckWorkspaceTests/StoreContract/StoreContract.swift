import Foundation
import GRDB
import XCTest
@testable import SpeckWorkspace

/// What every workspace store does alike, checked through the public
/// `Workspace` API; `SQLiteStoreContractTests` and
/// `PostgresStoreContractTests` run each check against their store.
struct StoreContract {
    /// A fresh workspace for an image folder.
    let makeWorkspace: (_ imageRoot: String) throws -> Workspace
    /// A second handle on the same workspace, as another workstation opens it.
    let reopen: (Workspace) throws -> Workspace

    let start = Date(timeIntervalSince1970: 1_700_000_000.25)

    func workspace(files: [String]) throws -> (TemporaryFolder, Workspace) {
        let folder = try TemporaryFolder()
        for file in files { try folder.write(file, "bytes of \(file)") }
        let workspace = try makeWorkspace(folder.path)
        try Rescanner(workspace: workspace).rescan()
        return (folder, workspace)
    }

    func schemaStepsAreTheSameAndReopeningKeepsThem() throws {
        let (folder, workspace) = try workspace(files: [])
        defer { withExtendedLifetime(folder) {} }
        let steps = PostgresSchemaMigrations.steps.map(\.identifier).sorted()
        XCTAssertEqual(SchemaMigrations.migrator.migrations.sorted(), steps, "both stores have the same steps")
        XCTAssertEqual(try workspace.appliedMigrations(), steps)
        XCTAssertEqual(try reopen(workspace).appliedMigrations(), steps)
        XCTAssertEqual(try reopen(workspace).location.imageRoot.path, URL(fileURLWithPath: folder.path).standardizedFileURL.path)
    }

    func rescanTracksAddedChangedRemovedAndRestoredFiles() throws {
        let (folder, workspace) = try workspace(files: ["a.png", "b.png", "c.png"])
        defer { withExtendedLifetime(folder) {} }
        XCTAssertEqual(try workspace.images().map(\.path), ["a.png", "b.png", "c.png"])
        let model = try StoreFixtures.recordModel(in: workspace)
        let ids = try workspace.images().map { $0.id! }
        try workspace.saveScores(ids.map { ScoredImage(imageId: $0, raw: 1, normalised: 0.5, map: StoreFixtures.map(side: 4)) },
                                 modelId: model.id!)
        let bMap = try XCTUnwrap(try workspace.scores(modelId: model.id!)[ids[1]]?.mapFile)
        try folder.write("b.png", "other, longer bytes of b")
        try FileManager.default.removeItem(atPath: folder.path + "/c.png")

        let report = try Rescanner(workspace: workspace).rescan()
        XCTAssertEqual(report.changed, ["b.png"])
        XCTAssertEqual(report.removed, ["c.png"])
        XCTAssertEqual(report.invalidatedScores, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.location.mapsFolder.appendingPathComponent(bMap).path),
                       "the changed image's map is gone")
        XCTAssertEqual(try workspace.listing(modelId: model.id!).map(\.path), ["a.png", "b.png"], "missing images are not listed")
        XCTAssertNotNil(try workspace.image(path: "c.png")?.missingSince)

        try folder.write("c.png", "bytes of c.png")
        try folder.setModificationTime("c.png", 1_600_000_000)
        XCTAssertEqual(try Rescanner(workspace: workspace).rescan().restored, ["c.png"])
        XCTAssertNil(try workspace.image(path: "c.png")?.missingSince)

        try workspace.recordDecode(imageId: ids[0], width: 640, height: 480, error: nil)
        try workspace.recordDecode(imageId: ids[1], width: nil, height: nil, error: "not a PNG")
        let a = try XCTUnwrap(try reopen(workspace).image(path: "a.png"))
        XCTAssertEqual([a.width, a.height], [640, 480])
        XCTAssertEqual(a.decodeStatus, .ok)
        XCTAssertEqual(try workspace.image(path: "b.png")?.decodeError, "not a PNG")
    }

    func modelsGetNamesTrainingSetsAndThresholds() throws {
        let (folder, workspace) = try workspace(files: ["a.png", "b.png"])
        defer { withExtendedLifetime(folder) {} }
        let ids = try workspace.images().map { $0.id! }
        let first = try StoreFixtures.recordModel(in: workspace, trainingImageIds: ids)
        let second = try StoreFixtures.recordModel(in: workspace, parentId: first.id, trainingImageIds: [ids[0]])
        XCTAssertEqual([first.name, second.name], ["m1", "m2"])
        let other = try reopen(workspace)
        XCTAssertEqual(try other.model(named: "latest").name, "m2")
        XCTAssertEqual(try other.model(named: "m2").parentId, first.id)
        XCTAssertEqual(try other.models().map(\.file), ["m1.speckmodel", "m2.speckmodel"])
        XCTAssertEqual(try other.trainingImageIds(of: first.id!), Set(ids))
        XCTAssertEqual(try other.modelFile(of: second).state.arrays["mean"]?.values, [0.25, 0.5], "the file reloads")

        let calibrated = try XCTUnwrap(try other.currentThreshold(modelId: first.id!))
        XCTAssertEqual(calibrated.value, 1.5)
        XCTAssertEqual(calibrated.method, .autoF1)
        // Newer than the model's own threshold, which was recorded just now.
        let later = Date().addingTimeInterval(1)
        try workspace.setThreshold(modelId: first.id!, value: 2, method: .targetRecall, target: "recall=1",
                                   detail: "finds every defect", at: later)
        let chosen = try XCTUnwrap(try other.currentThreshold(modelId: first.id!))
        XCTAssertEqual([chosen.value], [2])
        XCTAssertEqual(chosen.method, .targetRecall)
        XCTAssertEqual(chosen.thresholdTarget, .recall(1))
        XCTAssertEqual(chosen.createdAt.timeIntervalSince1970, later.timeIntervalSince1970, accuracy: 0.001)
        XCTAssertThrowsError(try other.model(named: "m9"))
    }

    func scoresAreReplacedAndListedByRankWithLabels() throws {
        let (folder, workspace) = try workspace(files: ["a.png", "b.png", "c.png", "d.png", "e.png"])
        defer { withExtendedLifetime(folder) {} }
        let images = try workspace.images()
        let id = { (name: String) in images.first { $0.path == name }!.id! }
        let model = try StoreFixtures.recordModel(in: workspace)
        try workspace.saveScores([ScoredImage(imageId: id("a.png"), raw: 3, normalised: 0.7, seconds: 0.01),
                                  ScoredImage(imageId: id("b.png"), raw: 1, normalised: nil),
                                  ScoredImage(imageId: id("c.png"), raw: 3, normalised: 0.7, map: StoreFixtures.map(side: 8)),
                                  ScoredImage(imageId: id("e.png"), raw: 0.5, normalised: 0.1),
                                  ScoredImage(imageId: id("e.png"), raw: 5, normalised: 0.9)],
                                 modelId: model.id!)
        try workspace.saveScores([ScoredImage(imageId: id("b.png"), raw: 2, normalised: 0.6)], modelId: model.id!)
        try workspace.label([images[0]], as: .anomalous, author: "alice", at: start)
        try workspace.label([images[0]], as: .cleared, author: "bob", at: start.addingTimeInterval(1))
        try workspace.label([images[1]], as: .normal, author: "bob", at: start)

        let listing = try reopen(workspace).listing(modelId: model.id!)
        let tied = [id("a.png"), id("c.png")].sorted()
        XCTAssertEqual(listing.map(\.imageId), [id("e.png")] + tied + [id("b.png"), id("d.png")],
                       "highest first, ties by image id, unscored last")
        XCTAssertEqual(listing.map(\.raw), [5, 3, 3, 2, nil], "the later score of an image replaces the earlier")
        XCTAssertEqual(listing.map { $0.normalised.map(Float.init) }, [0.9, 0.7, 0.7, 0.6, nil])
        XCTAssertEqual(listing.map { $0.path == "b.png" ? $0.label : nil }, [nil, nil, nil, .normal, nil])
        XCTAssertEqual(listing.compactMap(\.label), [.normal], "a cleared label shows as none")

        let scores = try workspace.scores(modelId: model.id!)
        XCTAssertEqual(scores.count, 4)
        XCTAssertEqual(scores[id("a.png")]?.scoringSeconds, 0.01)
        let map = try XCTUnwrap(workspace.anomalyMap(of: try XCTUnwrap(scores[id("c.png")])))
        XCTAssertEqual(map.values, StoreFixtures.map(side: 8).values, "the cached map reloads exactly")
        XCTAssertEqual(try workspace.listing(modelId: model.id! + 100).compactMap(\.raw), [], "another model scored nothing")
    }

    func labelsKeepHistoryAndImportsAddEachLabelOnce() throws {
        let (folder, workspace) = try workspace(files: ["a.png", "b.png"])
        defer { withExtendedLifetime(folder) {} }
        let images = try workspace.images()
        try workspace.label(images, as: .anomalous, note: "scratch, 2 mm", author: "alice", at: start)
        try workspace.label([images[0]], as: .normal, author: "bob", at: start.addingTimeInterval(60))
        try workspace.label([images[1]], as: .cleared, author: "bob", at: start.addingTimeInterval(60))
        let other = try reopen(workspace)
        let current = try other.currentLabels()
        XCTAssertEqual(current.map(\.path), ["a.png"])
        XCTAssertEqual(current.map(\.verdict), [.normal])
        XCTAssertEqual(current.map(\.author), ["bob"])
        let history = try other.labelHistory()
        XCTAssertEqual(history.map(\.verdict), [.anomalous, .anomalous, .normal, .cleared])
        XCTAssertEqual(history.map(\.note), ["scratch, 2 mm", "scratch, 2 mm", nil, nil])
        XCTAssertEqual(history[0].createdAt.timeIntervalSince1970, start.timeIntervalSince1970, accuracy: 0.001)

        let (targetFolder, target) = try self.workspace(files: ["a.png", "b.png"])
        defer { withExtendedLifetime(targetFolder) {} }
        let pairs = try history.map { (image: try XCTUnwrap(try target.image(path: $0.path)), entry: LabelEntry($0)) }
        XCTAssertEqual(try target.importLabels(pairs), 4)
        XCTAssertEqual(try target.importLabels(pairs), 0, "a second import adds nothing")
        XCTAssertEqual(try target.currentLabels().map(\.verdict), [.normal])
    }

    /// Two workstations label the same images at the same time: every label of
    /// both is kept with its author, and the newest of each image is in force.
    func concurrentLabelWritersLoseNoLabel() throws {
        let (folder, workspace) = try workspace(files: (0 ..< 12).map { String(format: "%02d.png", $0) })
        defer { withExtendedLifetime(folder) {} }
        let images = try workspace.images()
        let rounds = 15
        let writers = [("alice", try reopen(workspace)), ("bob", try reopen(workspace))]
        let failures = FailureList()
        DispatchQueue.concurrentPerform(iterations: writers.count) { index in
            let (author, handle) = writers[index]
            for round in 0 ..< rounds {
                do {
                    // One label at a time, interleaving with the other writer.
                    for image in images {
                        try handle.label([image], as: round % 2 == 0 ? .anomalous : .normal, note: "round \(round)",
                                         author: author)
                    }
                } catch { failures.append("\(author): \(error)") }
            }
        }
        XCTAssertEqual(failures.all, [])
        let history = try workspace.labelHistory()
        XCTAssertEqual(history.count, 2 * rounds * images.count, "no label lost")
        for (author, _) in writers {
            let own = history.filter { $0.author == author }
            XCTAssertEqual(own.count, rounds * images.count, "every label of \(author) kept, with its author")
            XCTAssertEqual(Set(own.map(\.note)), Set((0 ..< rounds).map { "round \($0)" }))
        }
        let current = try workspace.currentLabels()
        XCTAssertEqual(current.count, images.count)
        for label in current {
            let newest = history.filter { $0.imageId == label.imageId }.last!
            XCTAssertEqual([label.author, label.note], [newest.author, newest.note], "the newest label is in force")
        }
    }

    /// A scoring run streams scores in while another workstation lists: a
    /// reader sees whole batches only, and what it sees only grows.
    func readersSeeWholeBatchesWhileAWriterStreamsScores() throws {
        let (folder, workspace) = try workspace(files: (0 ..< 60).map { String(format: "img/%03d.png", $0) })
        defer { withExtendedLifetime(folder) {} }
        let model = try StoreFixtures.recordModel(in: workspace)
        let ids = try workspace.images().map { $0.id! }
        let reader = try reopen(workspace)
        let batch = 10
        let failures = FailureList()
        let writer = Thread {
            for start in stride(from: 0, to: ids.count, by: batch) {
                let scores = ids[start ..< start + batch].map { ScoredImage(imageId: $0, raw: Float($0), normalised: nil) }
                do { try workspace.saveScores(scores, modelId: model.id!) } catch { failures.append("\(error)") }
            }
        }
        writer.start()
        var seen: [Int] = []
        repeat {
            let scored = try reader.listing(modelId: model.id!).prefix { $0.raw != nil }.map(\.raw!)
            XCTAssertEqual(scored, scored.sorted(by: >))
            XCTAssertEqual(scored.count % batch, 0, "a reader never sees half a transaction")
            seen.append(scored.count)
        } while seen.last! < ids.count && failures.all.isEmpty
        XCTAssertEqual(failures.all, [])
        XCTAssertEqual(seen, seen.sorted(), "what readers see only grows")
    }
}

/// Errors gathered from several threads.
final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String] = []
    func append(_ failure: String) { lock.lock(); failures.append(failure); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return failures }
}
