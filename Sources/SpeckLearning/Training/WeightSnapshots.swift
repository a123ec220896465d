import SpeckTensor

/// Copies of a model's weights taken at chosen steps of one run, for a
/// snapshot ensemble (Huang et al. 2017, "Snapshot Ensembles: Train 1, get M
/// for free"): the scores of several points of the same run, averaged. A
/// score that swings from step to step (a GAN's does) then no longer hangs on
/// where the last step happened to land, and no extra training is needed.
public final class WeightSnapshots {
    /// After how many updates (1-based) a copy is taken, ascending.
    public let steps: [Int]
    private let tensors: [Parameter]
    /// The copies taken so far, in `steps` order: each the tensors' values.
    public private(set) var copies: [[Tensor]] = []

    /// Copies `tensors` (parameters and buffers) after each of `steps` updates.
    public init(_ tensors: [Parameter], steps: [Int]) {
        self.tensors = tensors
        self.steps = steps
    }

    /// `count` points evenly spaced over the last half of `total` updates, the last included:
    /// total · (count + i) / (2 · count), rounded, for i = 1…count (5 of 270: 162, 189, 216, 243, 270).
    public static func lastHalf(count: Int, total: Int) -> [Int] {
        guard count > 0, total > 0 else { return [] }
        let points = (1...count).map { max(1, Int((Double(total) * Double(count + $0) / Double(2 * count)).rounded())) }
        return Array(Set(points)).sorted()
    }

    /// Called with the number of updates done so far.
    public func stepEnded(_ stepsDone: Int) {
        if steps.contains(stepsDone) { copies.append(tensors.map(\.value)) }
    }
}
