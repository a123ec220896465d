import SpeckTensor

/// Stacks samples into batches [n, ...] in a seeded order, passing each through
/// the augmentations (flips, crops, rotations) with a generator derived from
/// the seed, the epoch and the sample, so augmentation is reproducible too.
public struct DataLoader: Sendable {
    public typealias Augmentation = @Sendable (Tensor, inout SeededGenerator) -> Tensor

    public let sampler: BatchSampler
    private let sample: @Sendable (Int) throws -> Tensor
    private let augmentations: [Augmentation]

    public init(count: Int, batchSize: Int, seed: UInt64, dropLast: Bool = false,
                augmentations: [Augmentation] = [], sample: @escaping @Sendable (Int) throws -> Tensor) {
        sampler = BatchSampler(count: count, batchSize: batchSize, seed: seed, dropLast: dropLast)
        self.sample = sample
        self.augmentations = augmentations
    }

    /// The batches of one epoch, built lazily one at a time.
    public func epoch(_ epoch: Int) -> some Sequence<() throws -> Tensor> {
        sampler.batches(epoch: epoch).map { indices in { try self.batch(indices, epoch: epoch) } }
    }

    public func batch(_ indices: [Int], epoch: Int) throws -> Tensor {
        var data: [Float] = []
        var itemShape: [Int] = []
        for index in indices {
            var item = try sample(index)
            var rng = SeededGenerator(seed: sampler.seed ^ (UInt64(epoch) << 32 | UInt64(index)))
            for augment in augmentations { item = augment(item, &rng) }
            precondition(itemShape.isEmpty || item.shape == itemShape, "samples differ in shape")
            itemShape = item.shape
            data += item.data
        }
        return Tensor(shape: [indices.count] + itemShape, data: data)
    }
}
