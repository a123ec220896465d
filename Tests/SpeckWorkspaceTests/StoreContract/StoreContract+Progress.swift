import Foundation
import XCTest
@testable import SpeckWorkspace

/// `speck status`: scoring progress across the shards that wrote to the store.
extension StoreContract {
    func scoringProgressCountsTheScoresOfEveryShard() throws {
        let (folder, workspace) = try workspace(files: (0 ..< 5).map { "\($0).png" })
        defer { withExtendedLifetime(folder) {} }
        let model = try StoreFixtures.recordModel(in: workspace)
        XCTAssertEqual(try workspace.scoringProgress(), [], "nothing scored, no shard seen")
        let ids = try workspace.images().map { $0.id! }
        let machines = [try reopen(workspace), try reopen(workspace)]
        try machines[0].recordShardStarted(try Shard(parsing: "1/2"), modelId: model.id!)
        try machines[1].recordShardStarted(try Shard(parsing: "0/2"), modelId: model.id!)
        try machines[0].recordShardStarted(try Shard(parsing: "1/2"), modelId: model.id!)  // rerun after a kill
        try machines[0].saveScores(ids[0 ..< 2].map { ScoredImage(imageId: $0, raw: 1, normalised: nil) }, modelId: model.id!)
        try machines[1].saveScores([ScoredImage(imageId: ids[4], raw: 2, normalised: nil)], modelId: model.id!)
        try FileManager.default.removeItem(atPath: folder.path + "/0.png")
        try Rescanner(workspace: workspace).rescan()

        let progress = try workspace.scoringProgress()
        XCTAssertEqual(progress, [ScoringProgress(model: model.name, scored: 2, images: 4, shards: ["0/2", "1/2"])],
                       "the missing image counts neither as scored nor as present")
        XCTAssertEqual(progress.first?.summary, "model \(model.name): 2 of 4 images scored (2 shards seen: 0/2, 1/2)")
    }
}
