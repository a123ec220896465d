import SpeckTensor
import XCTest
@testable import SpeckLearning

final class DataParallelTests: XCTestCase {
    /// A small conv net with batch norm on a seeded batch of 6 images.
    struct Net {
        let conv: Conv2d, norm: BatchNorm, head: Dense
        let images: Tensor, targets: Tensor

        init(seed: UInt64) {
            var rng = SeededGenerator(seed: seed)
            conv = Conv2d("conv", inChannels: 2, outChannels: 3, kernel: 3, padding: 1, rng: &rng)
            norm = BatchNorm("bn", channels: 3)
            head = Dense("head", inputs: 3, outputs: 1, rng: &rng)
            images = Initialiser.normal(mean: 0.5, std: 1).tensor([6, 2, 5, 5], fanIn: 1, fanOut: 1, using: &rng)
            targets = Tensor(shape: [6, 1], data: [1, 0, 1, 1, 0, 0])
        }

        var parameters: [Parameter] { conv.parameters + norm.parameters + head.parameters }

        func loss(_ range: Range<Int>, normalise: Bool = true) -> Variable {
            var h = conv(Variable(images).slice(axis: 0, range))
            if normalise { h = norm(h, training: true) }
            let pooled = h.relu().mean(axes: [2, 3]).reshaped([range.count, 3])
            return Loss.bceWithLogits(head(pooled), Variable(targets).slice(axis: 0, range).value)
        }
    }

    func testShardsCoverTheBatch() {
        XCTAssertEqual(DataParallel.shardRanges(batchSize: 7, shards: 2), [0..<3, 3..<7])
        XCTAssertEqual(DataParallel.shardRanges(batchSize: 1, shards: 2), [0..<1])
        XCTAssertEqual(DataParallel.shardRanges(batchSize: 6, shards: 3), [0..<2, 2..<4, 4..<6])
    }

    /// Without batch norm, splitting the batch changes only the summation order.
    func testBatchSplittingMatchesOneThread() {
        let net = Net(seed: 1)
        let serial = DataParallel.lossAndGradients(batchSize: 6, parallelism: .serial) { net.loss($0, normalise: false) }
        for shards in [2, 3] {
            let split = DataParallel.lossAndGradients(batchSize: 6, parallelism: .batchSplitting(shards: shards)) {
                net.loss($0, normalise: false)
            }
            XCTAssertEqual(split.loss, serial.loss, accuracy: 1e-6)
            for p in net.conv.parameters + net.head.parameters {
                XCTAssertLessThan(split.gradients[p]!.maxAbsDifference(to: serial.gradients[p]!), 1e-6, p.name)
            }
        }
        let blas = DataParallel.lossAndGradients(batchSize: 6, parallelism: .blasThreads(2)) { net.loss($0, normalise: false) }
        XCTAssertEqual(blas.loss, serial.loss, accuracy: 1e-6)
    }

    /// Batch norm's running statistics move once per step, by the whole batch's
    /// statistics, however the batch was split.
    func testRunningStatisticsComeFromTheWholeBatch() {
        let serial = Net(seed: 2), split = Net(seed: 2)
        _ = DataParallel.lossAndGradients(batchSize: 6, parallelism: .serial) { serial.loss($0) }
        _ = DataParallel.lossAndGradients(batchSize: 6, parallelism: .batchSplitting(shards: 2)) { split.loss($0) }
        XCTAssertNotEqual(split.norm.runningMean.value, Tensor(zeros: [3]))
        XCTAssertLessThan(split.norm.runningMean.value.maxAbsDifference(to: serial.norm.runningMean.value), 1e-6)
        XCTAssertLessThan(split.norm.runningVariance.value.maxAbsDifference(to: serial.norm.runningVariance.value), 1e-5)
    }

    /// The parallel path is deterministic: shards are combined in shard order.
    func testBatchSplittingIsReproducible() {
        func train() -> [Float] {
            let net = Net(seed: 3)
            let adam = Adam(learningRate: 0.01)
            for _ in 0..<5 {
                adam.step(DataParallel.lossAndGradients(batchSize: 6, parallelism: .batchSplitting(shards: 2)) { net.loss($0) }.gradients)
            }
            return (net.parameters + net.norm.buffers).flatMap(\.value.data)
        }
        XCTAssertEqual(train(), train())
    }
}
