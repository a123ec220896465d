import Foundation

/// Fills a workspace with synthetic rows for `speck bench workspace`: image
/// rows (no files behind them), one model's scores, and labels on 5% of the
/// images (some relabelled, so the history has more than one row).
public enum SyntheticRows {
    /// Returns the id of the model whose scores were added.
    public static func fill(_ workspace: Workspace, images count: Int) throws -> Int64 {
        let store = workspace.store
        let now = Date()
        let modelId = try addModel(to: workspace)
        let images = try store.insertImages((0 ..< count).map { i in
            ImageRecord(path: String(format: "test/kind%02d/%07d.png", i % 17, i), size: 1000,
                        mtimeNanoseconds: 0, contentHash: "0", decodeStatus: .ok, addedAt: now)
        })
        var random = SystemRandomNumberGenerator()
        var scores: [ScoreRecord] = []
        var labels: [LabelRecord] = []
        for (i, image) in images.enumerated() {
            let raw = Double.random(in: 0 ..< 10, using: &random)
            scores.append(ScoreRecord(modelId: modelId, imageId: image.id!, raw: raw, normalised: raw / 10,
                                      mapFile: "\(modelId)/\(image.id!).f16", scoredAt: now, scoringSeconds: 0.01))
            guard i % 20 == 0 else { continue }
            for verdict in i % 40 == 0 ? [LabelVerdict.anomalous, .normal] : [.normal] {
                labels.append(LabelRecord(imageId: image.id!, verdict: verdict, author: "bench", createdAt: now))
            }
        }
        try store.upsertScores(scores)
        _ = try store.insertLabels(labels, skippingRecorded: false)
        return modelId
    }

    /// A model row without a file, for benchmark scores; returns its id.
    public static func addModel(to workspace: Workspace) throws -> Int64 {
        let number = try workspace.store.nextModelNumber()
        return try workspace.store.insertModel(
            ModelRecord(id: number, name: "bench\(number)", detector: "bench", backbone: nil, parameters: "{}",
                        trainingImageCount: 0, fitSeconds: 0, file: "bench.speckmodel", createdAt: Date()),
            trainingImageIds: [], threshold: nil).id!
    }
}
