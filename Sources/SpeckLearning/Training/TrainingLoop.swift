import Foundation

/// Epochs of mini-batch training with a learning-rate schedule, progress after
/// every batch and a cancellation check before each one. What a step does
/// (forward, backward, optimiser) is the caller's: this is only the loop that
/// every detector that trains a network would otherwise write again.
public struct TrainingLoop: Sendable {
    public let epochs: Int
    public let sampler: BatchSampler
    public let schedule: LearningRateSchedule
    /// The share of the last steps whose weights are averaged into the result (`TailAverage`; 0: the last weights).
    public let averageTail: Float
    /// The updates the loop makes: its epochs' batches, or fewer when `steps` cuts the last epoch short.
    public let totalSteps: Int

    /// `steps` (0: no limit) stops the loop after that many updates, within an epoch if need be.
    public init(epochs: Int, sampler: BatchSampler, schedule: LearningRateSchedule = .constant, averageTail: Float = 0,
                steps: Int = 0) {
        self.epochs = epochs
        self.sampler = sampler
        self.schedule = schedule
        self.averageTail = averageTail
        totalSteps = steps > 0 ? min(steps, epochs * sampler.batchCount) : epochs * sampler.batchCount
    }

    /// A loop of exactly `steps` updates (whole epochs and the start of one more), or of `epochs` when `steps` is 0.
    public init(steps: Int, orEpochs epochs: Int, sampler: BatchSampler, averageTail: Float = 0) {
        self.init(epochs: steps > 0 ? Self.epochs(1, makingAtLeast: steps, batchesPerEpoch: sampler.batchCount) : epochs,
                  sampler: sampler, averageTail: averageTail, steps: steps)
    }

    /// The epochs that make at least `steps` updates at `batchesPerEpoch` each, and never fewer than `epochs`.
    public static func epochs(_ epochs: Int, makingAtLeast steps: Int, batchesPerEpoch: Int) -> Int {
        max(epochs, (steps + max(batchesPerEpoch, 1) - 1) / max(batchesPerEpoch, 1))
    }

    /// Runs the loop. `step` trains on one batch of indices and returns its loss;
    /// `checkCancelled` throws to stop. With `averageTail` above 0, `averaged`
    /// (the model's parameters and buffers) ends as the mean over the last steps;
    /// `snapshots` copies its weights at its steps (before any averaging).
    /// Returns each epoch's mean loss.
    @discardableResult
    public func run(optimisers: [any Optimiser], averaged: [Parameter] = [], snapshots: WeightSnapshots? = nil,
                    checkCancelled: () throws -> Void,
                    progress: (TrainingProgress) -> Void,
                    step: (_ indices: [Int], _ epoch: Int) throws -> Float) throws -> [Float] {
        let baseRates = optimisers.map(\.learningRate)
        let batchesPerEpoch = sampler.batchCount
        var epochLosses: [Float] = []
        let average = TailAverage(averaged, fraction: averageTail, totalSteps: totalSteps)
        var stepsDone = 0
        for epoch in 0..<epochs where stepsDone < totalSteps {
            for (optimiser, base) in zip(optimisers, baseRates) {
                optimiser.learningRate = schedule.rate(base: base, epoch: epoch)
            }
            var total: Double = 0, batches = 0
            for batch in sampler.batches(epoch: epoch) where stepsDone < totalSteps {
                try checkCancelled()
                let loss = try step(batch, epoch)
                guard loss.isFinite else { throw TrainingError.diverged(epoch: epoch + 1, loss: loss) }
                average.stepEnded(stepsDone)
                stepsDone += 1
                snapshots?.stepEnded(stepsDone)
                batches += 1
                total += Double(loss)
                progress(TrainingProgress(epoch: epoch, epochs: epochs, batch: batches, batches: batchesPerEpoch,
                                          batchesTotal: totalSteps, loss: Float(total / Double(batches))))
            }
            epochLosses.append(Float(total / Double(max(batches, 1))))
        }
        average.apply()
        return epochLosses
    }
}

/// Where a training run is: for progress bars and the workstation's job line.
public struct TrainingProgress: Sendable, Equatable {
    /// 0-based epoch.
    public var epoch: Int
    public var epochs: Int
    /// Batches done in this epoch (1-based).
    public var batch: Int
    public var batches: Int
    /// Updates the whole run makes (`TrainingLoop.totalSteps`: fewer than epochs × batches under a step budget).
    public var batchesTotal: Int
    /// Mean loss over this epoch's batches so far.
    public var loss: Float

    public var batchesDone: Int { epoch * batches + batch }

    /// "epoch 3/20 · loss 0.01234"
    public var summary: String { String(format: "epoch %d/%d · loss %.5g", epoch + 1, epochs, loss) }
}

public enum TrainingError: Error, CustomStringConvertible, Equatable {
    case diverged(epoch: Int, loss: Float)

    public var description: String {
        switch self {
        case .diverged(let epoch, let loss):
            return "training diverged in epoch \(epoch) (loss \(loss)): try a lower learning rate"
        }
    }
}
