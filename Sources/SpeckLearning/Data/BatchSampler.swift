import SpeckTensor

/// Seeded shuffling into mini-batches: epoch e's order depends only on the
/// seed and e, so a run can be repeated (and resumed) exactly.
public struct BatchSampler: Sendable {
    public let count: Int
    public let batchSize: Int
    public let seed: UInt64
    /// Drop a last batch smaller than `batchSize` (batch norm dislikes tiny batches).
    public let dropLast: Bool

    public init(count: Int, batchSize: Int, seed: UInt64, dropLast: Bool = false) {
        precondition(batchSize > 0, "batch size must be positive")
        self.count = count
        self.batchSize = batchSize
        self.seed = seed
        self.dropLast = dropLast
    }

    /// The batches of one epoch, as indices into the data.
    public func batches(epoch: Int) -> [[Int]] {
        var rng = SeededGenerator(seed: seed &+ UInt64(epoch) &* 0x9E37_79B9_7F4A_7C15)
        let order = Array(0..<count).shuffled(using: &rng)
        var batches = stride(from: 0, to: count, by: batchSize).map { Array(order[$0..<min($0 + batchSize, count)]) }
        if dropLast, batches.count > 1, let last = batches.last, last.count < batchSize { batches.removeLast() }
        return batches
    }

    /// Batches per epoch.
    public var batchCount: Int { batches(epoch: 0).count }
}
