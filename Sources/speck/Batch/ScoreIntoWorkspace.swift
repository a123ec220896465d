import ArgumentParser
import Foundation
import SpeckEvaluation
import SpeckImaging
import SpeckWorkspace

/// `speck score MODEL DIR... --store URL|--workspace DIR [--shard I/N]`: scores
/// a workspace model's slice of the images under DIR, storing scores and maps
/// as it goes (a batch at a time), skipping images the model already scored,
/// so a killed shard is simply run again.
struct ScoreIntoWorkspace {
    var workspace: Workspace
    var modelName: String
    var inputs: [String]
    var shard: Shard
    var weights: String?
    /// Images scored and stored per transaction.
    var batch = 32

    func run() throws {
        let progress = ProgressBar()
        let model = try workspace.model(named: modelName)
        let file = try workspace.modelFile(of: model)
        let detector = try ModelDetectors.restored(file, weights: weights)
        let inputs = inputs.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let (known, _) = try workspace.knownImages()
        let under = known.filter { image in
            inputs.contains { image.sample.path == $0 || image.sample.path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
        }
        let (pending, inShard) = try workspace.unscored(under, modelId: model.id!, shard: shard)
        try workspace.recordShardStarted(shard, modelId: model.id!)
        print("shard \(shard) of \(under.count) images: \(inShard) in this shard, \(inShard - pending.count) already scored by "
            + "\(model.name), \(pending.count) to score")
        var scoredCount = 0
        var failed: [ImageError] = []
        for start in stride(from: 0, to: pending.count, by: batch) {
            let chunk = Array(pending[start ..< min(start + batch, pending.count)])
            let before = scoredCount, total = pending.count
            let (scored, skipped, seconds) = workspace.score(chunk, with: detector) { stage, done, _ in
                progress.update(stage, done: before + done, total: total)
            }
            try workspace.store(scored, skipped: skipped, of: chunk, calibration: file.calibration, modelId: model.id!,
                                seconds: seconds)
            scoredCount += scored.count
            failed += skipped
        }
        progress.clear()
        BatchReport.listProblems(failed, progress: progress)
        print("shard \(shard): scored \(scoredCount), \(failed.count) failed; stored in \(workspace.storeDescription)")
    }
}
