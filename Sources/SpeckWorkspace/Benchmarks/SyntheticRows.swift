import Foundation
import GRDB

/// Fills a workspace with synthetic rows for `speck bench workspace`: image
/// rows (no files behind them), one model's scores, and labels on 5% of the
/// images (some relabelled, so the history has more than one row).
public enum SyntheticRows {
    /// Returns the id of the model whose scores were added.
    public static func fill(_ workspace: Workspace, images count: Int) throws -> Int64 {
        try workspace.database.write { db in
            let now = Date()
            var model = ModelRecord(name: "bench", detector: "bench", backbone: nil, parameters: "{}",
                                    trainingImageCount: 0, fitSeconds: 0, file: "bench.speckmodel", createdAt: now)
            try model.insert(db)
            let modelId = model.id!
            var random = SystemRandomNumberGenerator()
            for i in 0 ..< count {
                var image = ImageRecord(path: String(format: "test/kind%02d/%07d.png", i % 17, i), size: 1000,
                                        mtimeNanoseconds: 0, contentHash: "0", decodeStatus: .ok, addedAt: now)
                try image.insert(db)
                let raw = Double.random(in: 0 ..< 10, using: &random)
                try ScoreRecord(modelId: modelId, imageId: image.id!, raw: raw, normalised: raw / 10,
                                mapFile: "\(modelId)/\(image.id!).f16", scoredAt: now, scoringSeconds: 0.01).insert(db)
                guard i % 20 == 0 else { continue }
                for verdict in i % 40 == 0 ? [LabelVerdict.anomalous, .normal] : [.normal] {
                    var label = LabelRecord(imageId: image.id!, verdict: verdict, author: "bench", createdAt: now)
                    try label.insert(db)
                }
            }
            return modelId
        }
    }
}
