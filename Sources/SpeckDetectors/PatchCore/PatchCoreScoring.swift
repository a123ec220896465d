import Foundation

/// The paper's image score (Roth et al., eq. 7, as in anomalib's
/// compute_anomaly_score): the largest patch distance, damped when the bank
/// patch it matched sits in a dense neighbourhood of the bank.
enum PatchCoreScoring {
    static func reweightedScore(patchScores: [Float], nearest: [Int], queries: PatchMatrix,
                                search: NearestNeighbourSearch, neighbours: Int) -> Float {
        guard var worst = patchScores.indices.first else { return 0 }
        for i in patchScores.indices where patchScores[i] > patchScores[worst] { worst = i }
        let score = patchScores[worst]
        if neighbours <= 1 { return score }
        let bank = search.bank
        let k = min(neighbours, bank.rows)
        // Neighbours of the matched bank patch (itself first), then the test patch's distance to each.
        let support = bank.values.withUnsafeBufferPointer { b in
            search.kNearest(to: b.baseAddress! + nearest[worst] * bank.dim, k: k)
        }
        let distances = queries.values.withUnsafeBufferPointer { q in
            support.map { search.distance(from: q.baseAddress! + worst * queries.dim, toBankRow: $0.index) }
        }
        // weight = 1 - softmax(distances)[0]
        let top = distances.max() ?? 0
        let exps = distances.map { Foundation.exp(Double($0 - top)) }
        let weight = 1 - exps[0] / exps.reduce(0, +)
        return Float(weight) * score
    }
}
