import SpeckTensor
import XCTest
@testable import SpeckLearning

/// The engine learns known toy problems, and its optimisers follow their definitions.
final class TrainingTests: XCTestCase {
    /// A two-layer perceptron on XOR: not linearly separable, so it needs the hidden layer.
    func testMLPLearnsXOR() {
        var rng = SeededGenerator(seed: 3)
        let hidden = Dense("hidden", inputs: 2, outputs: 8, rng: &rng)
        let output = Dense("output", inputs: 8, outputs: 1, initialiser: .xavierUniform, rng: &rng)
        let x = Tensor(shape: [4, 2], data: [0, 0, 0, 1, 1, 0, 1, 1])
        let y = Tensor(shape: [4, 1], data: [0, 1, 1, 0])
        let adam = Adam(learningRate: 0.05)
        func logits() -> Variable { output(hidden(Variable(x)).tanh()) }
        let before = Loss.bceWithLogits(logits(), y).scalar
        for _ in 0..<300 { adam.step(Loss.bceWithLogits(logits(), y).backward()) }
        let after = Loss.bceWithLogits(logits(), y).scalar
        XCTAssertLessThan(after, 0.05, "XOR loss \(before) → \(after)")
        XCTAssertEqual(logits().value.data.map { $0 > 0 }, [false, true, true, false])
    }

    /// A tiny CNN tells vertical from horizontal bars, whatever their position.
    func testCNNLearnsBarOrientation() {
        var rng = SeededGenerator(seed: 4)
        var images: [Float] = [], labels: [Float] = []
        for i in 0..<16 {
            var image = [Float](repeating: 0, count: 36)
            let vertical = i % 2 == 0, at = (i / 2) % 6
            for j in 0..<6 { image[vertical ? j * 6 + at : at * 6 + j] = 1 }
            images += image.map { $0 + Float.random(in: -0.1...0.1, using: &rng) }
            labels.append(vertical ? 1 : 0)
        }
        let x = Tensor(shape: [16, 1, 6, 6], data: images), y = Tensor(shape: [16, 1], data: labels)
        let conv = Conv2d("conv", inChannels: 1, outChannels: 4, kernel: 3, padding: 1, rng: &rng)
        let norm = BatchNorm("bn", channels: 4)
        let head = Dense("head", inputs: 4, outputs: 1, rng: &rng)
        func logits(training: Bool) -> Variable {
            let features = norm(conv(Variable(x)), training: training).relu()
            return head(features.mean(axes: [2, 3]).reshaped([16, 4]))
        }
        let adam = Adam(learningRate: 0.05)
        let parameters = conv.parameters + norm.parameters + head.parameters
        for _ in 0..<150 {
            var gradients = Loss.bceWithLogits(logits(training: true), y).backward()
            XCTAssertEqual(Set(gradients.parameters.map(\.name)), Set(parameters.map(\.name)))
            gradients.clipNorm(to: 5)
            adam.step(gradients)
        }
        let predictions = logits(training: false).value.data.map { $0 > 0 ? Float(1) : 0 }
        XCTAssertEqual(predictions, labels)
    }

    func testSGDWithMomentumAndWeightDecayFollowsPyTorch() {
        // PyTorch: v = μv + (g + λw); w -= lr·v. Loss = w² so g = 2w.
        let p = Parameter("w", Tensor(shape: [1], data: [1]))
        let sgd = SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.5)
        var w: Float = 1, v: Float = 0
        for _ in 0..<5 {
            sgd.step(Variable(p).squared().sum().backward())
            v = 0.9 * v + (2 * w + 0.5 * w)
            w -= 0.1 * v
            XCTAssertEqual(p.value.data[0], w, accuracy: 1e-6)
        }
    }

    func testAdamFirstStepMovesByTheLearningRate() {
        // Bias correction makes Adam's first step exactly lr·sign(g) (up to ε).
        let p = Parameter("w", Tensor(shape: [2], data: [1, -2]))
        Adam(learningRate: 0.01).step((Variable(p) * Variable(Tensor(shape: [2], data: [3, -0.001]))).sum().backward())
        XCTAssertEqual(p.value.data[0], 0.99, accuracy: 1e-6)
        XCTAssertEqual(p.value.data[1], -1.99, accuracy: 1e-5)
        // AdamW shrinks weights even with a zero gradient.
        let q = Parameter("q", Tensor(shape: [1], data: [2]))
        Adam.adamW(learningRate: 0.1, weightDecay: 0.5).step((Variable(q) * Variable(Tensor(zeros: [1]))).sum().backward())
        XCTAssertEqual(q.value.data[0], 2 - 0.1 * 0.5 * 2, accuracy: 1e-6)
    }

    func testSchedulesAndClipping() {
        XCTAssertEqual(LearningRateSchedule.step(every: 10, factor: 0.5).rate(base: 1, epoch: 25), 0.25)
        XCTAssertEqual(LearningRateSchedule.cosine(epochs: 10, minimum: 0).rate(base: 1, epoch: 5), 0.5, accuracy: 1e-6)
        XCTAssertEqual(LearningRateSchedule.cosine(epochs: 10, minimum: 0.1).rate(base: 1, epoch: 10), 0.1, accuracy: 1e-6)
        let p = Parameter("w", Tensor(shape: [2], data: [3, 4]))
        var gradients = Variable(p).squared().sum().backward()  // (6, 8), norm 10
        XCTAssertEqual(gradients.clipNorm(to: 5), 10, accuracy: 1e-5)
        XCTAssertEqual(gradients[p]!.data, [3, 4])
    }

    func testSamplerIsSeededAndCoversEveryIndex() {
        let sampler = BatchSampler(count: 10, batchSize: 4, seed: 9)
        XCTAssertEqual(sampler.batches(epoch: 2), BatchSampler(count: 10, batchSize: 4, seed: 9).batches(epoch: 2))
        XCTAssertNotEqual(sampler.batches(epoch: 1), sampler.batches(epoch: 2))
        XCTAssertEqual(sampler.batches(epoch: 0).flatMap { $0 }.sorted(), Array(0..<10))
        XCTAssertEqual(sampler.batches(epoch: 0).map(\.count), [4, 4, 2])
        XCTAssertEqual(BatchSampler(count: 10, batchSize: 4, seed: 9, dropLast: true).batches(epoch: 0).map(\.count), [4, 4])
    }

    func testLoaderAugmentsReproducibly() throws {
        let flip: DataLoader.Augmentation = { tensor, rng in
            Bool.random(using: &rng) ? Tensor(shape: tensor.shape, data: tensor.data.reversed()) : tensor
        }
        let loader = DataLoader(count: 6, batchSize: 3, seed: 5, augmentations: [flip]) {
            Tensor(shape: [2], data: [Float($0), Float($0) + 0.5])
        }
        let first = try loader.epoch(1).map { try $0() }, again = try loader.epoch(1).map { try $0() }
        XCTAssertEqual(first, again)
        XCTAssertEqual(first.map(\.shape), [[3, 2], [3, 2]])
        let rows = first.flatMap { batch in stride(from: 0, to: batch.count, by: 2).map { batch.data[$0...$0 + 1] } }
        XCTAssertTrue(rows.contains { $0.first! > $0.last! }, "some samples are flipped")
    }

    /// One seed, one thread: the same weights bit for bit.
    func testTrainingIsReproducible() {
        func train() -> [Float] {
            var rng = SeededGenerator(seed: 11)
            let layer = Dense("d", inputs: 3, outputs: 2, rng: &rng)
            let adam = Adam(learningRate: 0.01)
            let loader = DataLoader(count: 8, batchSize: 4, seed: 2) { Tensor(shape: [3], data: [Float($0), 1, -Float($0)]) }
            for epoch in 0..<3 {
                for batch in loader.epoch(epoch) {
                    adam.step(layer(Variable(try! batch())).squared().mean().backward())
                }
            }
            return layer.weight.value.data + layer.bias!.value.data
        }
        XCTAssertEqual(train(), train())
    }
}

final class TrainingLoopTests: XCTestCase {
    struct Stop: Error {}

    func testLoopReportsProgressSchedulesAndStops() throws {
        let p = Parameter("w", Tensor(shape: [1], data: [4]))
        let sgd = SGD(learningRate: 0.1)
        let loop = TrainingLoop(epochs: 3, sampler: BatchSampler(count: 5, batchSize: 2, seed: 1),
                                schedule: .step(every: 1, factor: 0.5))
        var seen: [TrainingProgress] = [], rates: [Float] = []
        let losses = try loop.run(optimisers: [sgd], checkCancelled: {}, progress: { seen.append($0) }) { _, _ in
            rates.append(sgd.learningRate)
            let loss = Variable(p).squared().sum()
            sgd.step(loss.backward())
            return loss.scalar
        }
        XCTAssertEqual(losses.count, 3)
        XCTAssertLessThan(losses[2], losses[0])
        XCTAssertEqual(seen.count, 9)
        XCTAssertEqual(seen.last?.batchesDone, 9)
        XCTAssertEqual(seen.last?.batchesTotal, 9)
        XCTAssertEqual(Set(rates), [0.1, 0.05, 0.025])
        XCTAssertTrue(seen[0].summary.hasPrefix("epoch 1/3 · loss "))

        var calls = 0
        XCTAssertThrowsError(try loop.run(optimisers: [sgd], checkCancelled: { calls += 1; if calls == 2 { throw Stop() } },
                                          progress: { _ in }) { _, _ in 1 }) { XCTAssertTrue($0 is Stop) }
        XCTAssertThrowsError(try loop.run(optimisers: [sgd], checkCancelled: {}, progress: { _ in }) { _, _ in .nan }) {
            guard case .diverged(let epoch, let loss)? = $0 as? TrainingError else { return XCTFail("\($0)") }
            XCTAssertEqual(epoch, 1)
            XCTAssertTrue(loss.isNaN)
        }
    }

    /// `steps` stops the loop within an epoch; 0 leaves the epochs whole.
    func testAStepBudgetStopsWithinAnEpoch() throws {
        let sampler = BatchSampler(count: 8, batchSize: 2, seed: 3)
        func run(_ loop: TrainingLoop) throws -> (steps: [Int], losses: [Float]) {
            var epochs: [Int] = []
            let losses = try loop.run(optimisers: [], checkCancelled: {}, progress: {
                XCTAssertEqual($0.batchesTotal, loop.totalSteps, "the progress bar ends where the loop does")
                XCTAssertLessThanOrEqual($0.batchesDone, loop.totalSteps)
            }) { _, epoch in
                epochs.append(epoch)
                return Float(epochs.count)
            }
            return (epochs, losses)
        }
        let budget = TrainingLoop(steps: 6, orEpochs: 9, sampler: sampler)
        XCTAssertEqual(budget.epochs, 2)
        XCTAssertEqual(budget.totalSteps, 6)
        let ran = try run(budget)
        XCTAssertEqual(ran.steps, [0, 0, 0, 0, 1, 1], "4 batches an epoch, cut after the 6th update")
        XCTAssertEqual(ran.losses, [2.5, 5.5], "each epoch's mean over the batches it ran")
        XCTAssertEqual(try run(TrainingLoop(steps: 0, orEpochs: 3, sampler: sampler)).steps.count, 12)
        XCTAssertEqual(TrainingLoop(steps: 8, orEpochs: 1, sampler: sampler).epochs, 2, "whole epochs are not cut")
        XCTAssertEqual(TrainingLoop.epochs(45, makingAtLeast: 270, batchesPerEpoch: 1), 270)
        XCTAssertEqual(TrainingLoop.epochs(45, makingAtLeast: 270, batchesPerEpoch: 10), 45)
    }
}

/// Tail averaging: which steps it keeps, and that the loop leaves their mean in the weights.
final class TailAverageTests: XCTestCase {
    func testFirstAveragedStep() {
        XCTAssertEqual(TailAverage.firstStep(fraction: 0, total: 8), 8, "0: nothing averaged")
        XCTAssertEqual(TailAverage.firstStep(fraction: 0.25, total: 8), 6)
        XCTAssertEqual(TailAverage.firstStep(fraction: 0.3, total: 10), 7)
        XCTAssertEqual(TailAverage.firstStep(fraction: 1, total: 8), 0)
        XCTAssertEqual(TailAverage.firstStep(fraction: 0.01, total: 8), 7, "at least the last step")
    }

    /// A step that sets w (and a buffer) to the step's number: the mean over the
    /// last quarter of 2 epochs x 4 batches is that of steps 7 and 8.
    func testTheLoopLeavesTheMeanOfTheLastStepsInTheWeights() throws {
        func run(tail: Float) throws -> (weight: [Float], buffer: Float) {
            let w = Parameter("w", Tensor(shape: [2], data: [0, 0])), b = Parameter("b", Tensor(shape: [1], data: [0]))
            var step: Float = 0
            let loop = TrainingLoop(epochs: 2, sampler: BatchSampler(count: 8, batchSize: 2, seed: 3), averageTail: tail)
            try loop.run(optimisers: [], averaged: [w, b], checkCancelled: {}, progress: { _ in }) { _, _ in
                step += 1
                w.value = Tensor(shape: [2], data: [step, -2 * step])
                b.value = Tensor(shape: [1], data: [step * step])
                return 0
            }
            return (w.value.data, b.value.data[0])
        }
        let last = try run(tail: 0)
        XCTAssertEqual(last.weight, [8, -16])
        XCTAssertEqual(last.buffer, 64)
        let averaged = try run(tail: 0.25)
        XCTAssertEqual(averaged.weight, [7.5, -15])
        XCTAssertEqual(averaged.buffer, (49 + 64) / 2)
        XCTAssertEqual(try run(tail: 1).weight, [4.5, -9], "steps 1 to 8")
    }

    /// Cancelled runs are thrown away, so nothing needs averaging; a run that
    /// records nothing leaves the weights alone.
    func testAnAverageWithNothingRecordedChangesNothing() {
        let w = Parameter("w", Tensor(shape: [1], data: [3]))
        TailAverage([w], fraction: 0.5, totalSteps: 4).apply()
        XCTAssertEqual(w.value.data, [3])
    }
}

/// Snapshots: which steps a snapshot ensemble keeps, and that the loop copies the weights there.
final class WeightSnapshotsTests: XCTestCase {
    func testTheLastHalfIsSpreadEvenlyAndEndsAtTheLastStep() {
        XCTAssertEqual(WeightSnapshots.lastHalf(count: 5, total: 270), [162, 189, 216, 243, 270], "bottle's 270 updates")
        XCTAssertEqual(WeightSnapshots.lastHalf(count: 5, total: 450), [270, 315, 360, 405, 450], "screw's 450")
        XCTAssertEqual(WeightSnapshots.lastHalf(count: 1, total: 8), [8])
        XCTAssertEqual(WeightSnapshots.lastHalf(count: 5, total: 4), [2, 3, 4], "a short run has fewer distinct points")
        XCTAssertEqual(WeightSnapshots.lastHalf(count: 0, total: 8), [])
    }

    /// A step that sets w to the step's number: the copies hold the values after
    /// steps 3 and 6, before tail averaging replaces the last weights.
    func testTheLoopCopiesTheWeightsAfterTheChosenSteps() throws {
        let w = Parameter("w", Tensor(shape: [2], data: [0, 0])), b = Parameter("b", Tensor(shape: [1], data: [0]))
        let snapshots = WeightSnapshots([w, b], steps: [3, 6])
        var step: Float = 0
        let loop = TrainingLoop(epochs: 2, sampler: BatchSampler(count: 8, batchSize: 2, seed: 3), averageTail: 0.25)
        try loop.run(optimisers: [], averaged: [w, b], snapshots: snapshots, checkCancelled: {}, progress: { _ in }) { _, _ in
            step += 1
            w.value = Tensor(shape: [2], data: [step, -step])
            b.value = Tensor(shape: [1], data: [10 * step])
            return 0
        }
        XCTAssertEqual(snapshots.copies.map { $0.map(\.data) }, [[[3, -3], [30]], [[6, -6], [60]]])
        XCTAssertEqual(w.value.data, [7.5, -7.5], "the averaged weights, untouched by the copies")
    }
}

/// Without gradients, parameters read as constants: no graph, no gradients, the same values.
final class GradientModeTests: XCTestCase {
    func testWithoutGradientsRecordsNoGraph() {
        var rng = SeededGenerator(seed: 1)
        let layer = Dense("d", inputs: 3, outputs: 2, rng: &rng)
        let x = Variable(Tensor(shape: [1, 3], data: [1, 2, 3]))
        let recorded = layer(x).sum()
        XCTAssertTrue(recorded.needsGradient)
        XCTAssertNotNil(recorded.backward()[layer.weight])
        let constant = GradientMode.withoutGradients { layer(x).sum() }
        XCTAssertFalse(constant.needsGradient)
        XCTAssertNil(constant.backward()[layer.weight])
        XCTAssertEqual(constant.scalar, recorded.scalar)
        XCTAssertTrue(layer(x).needsGradient, "recording resumes after the block")
    }
}
