/// The image score of a detector whose map is summed from several feature
/// levels (CFLOW-AD, FastFlow): it has no one grid of patch scores, so the
/// finished map is cut into cells of the backbone's finest common stride
/// (8 px, PatchCore's patch grid) and each cell's mean stands for a patch.
/// `topk:K` then means what it means for PatchCore: the mean of the K hottest
/// patches, steadier than the single hottest pixel of the map.
public enum MapCells {
    /// Cell side in map pixels: the stride of the backbone's stage 2.
    public static let side = 8

    /// The trained map detectors' default image score: the mean of the 10 hottest of
    /// the 784 patches of a 224 px crop, about 1% of the image as PatchCore's 20 of
    /// 2304 at 384 px. Defects that cover several patches still lead it; one noisy
    /// patch cannot, and which patch is hottest is what moved with the seed.
    public static let defaultScore = ImageScoreRule.topK(10)

    /// A model file written before its detector had `score` gave the map's maximum:
    /// so it must again.
    public static func upgrading(_ parameters: [String: String]) -> [String: String] {
        ParameterUpgrade.filling("score", with: ImageScoreRule.max.text, in: parameters)
    }

    /// The mean of every `cell` x `cell` block of a row-major `width` x `height`
    /// map, row by row; cells at the right and bottom edges may be smaller.
    public static func means(_ map: [Float], width: Int, height: Int, cell: Int = side) -> [Float] {
        precondition(map.count == width * height && cell >= 1, "map of \(map.count) values is not \(width)x\(height)")
        var out: [Float] = []
        out.reserveCapacity(((width + cell - 1) / cell) * ((height + cell - 1) / cell))
        for top in stride(from: 0, to: height, by: cell) {
            for left in stride(from: 0, to: width, by: cell) {
                var sum: Float = 0, count = 0
                for y in top..<min(top + cell, height) {
                    for x in left..<min(left + cell, width) {
                        sum += map[y * width + x]
                        count += 1
                    }
                }
                out.append(sum / Float(count))
            }
        }
        return out
    }

    /// The image score by `rule` (`max` or `topk:K`) from a finished map alone.
    public static func imageScore(_ rule: ImageScoreRule, map: [Float], width: Int, height: Int) -> Float {
        switch rule {
        case .topK:
            return rule.pooled(patchScores: means(map, width: width, height: height), map: map) ?? 0
        case .max, .reweighted, .nearestImages:
            return map.max() ?? 0
        }
    }
}
