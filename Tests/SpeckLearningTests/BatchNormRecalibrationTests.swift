import SpeckTensor
import XCTest
@testable import SpeckLearning

final class BatchNormRecalibrationTests: XCTestCase {
    /// One layer fed three batches: its running statistics become the mean and the
    /// unbiased variance of all 3·N·H·W inputs per channel, whatever they were before;
    /// a layer the forward pass never calls keeps its own.
    func testRunningStatisticsBecomeThoseOfAllTheInputs() {
        let batches = (0 ..< 3).map { GradientCheck.input([4, 2, 3, 3], seed: 50 + UInt64($0)) * Float(1 + $0) }
        let norm = BatchNorm("bn", channels: 2), untouched = BatchNorm("other", channels: 2)
        norm.runningMean.value = Tensor(shape: [2], data: [5, -5])
        untouched.runningMean.value = Tensor(shape: [2], data: [7, 8])
        BatchNormRecalibration.recalibrate(batches: batches) { _ = norm($0, training: true) }

        for c in 0 ..< 2 {
            var values: [Double] = []
            for batch in batches {
                for n in 0 ..< 4 { for i in 0 ..< 9 { values.append(Double(batch.data[(n * 2 + c) * 9 + i])) } }
            }
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
            XCTAssertEqual(Double(norm.runningMean.value.data[c]), mean, accuracy: 1e-5)
            XCTAssertEqual(Double(norm.runningVariance.value.data[c]), variance, accuracy: 1e-4 * variance)
        }
        XCTAssertEqual(untouched.runningMean.value.data, [7, 8])
        // Evaluation mode now normalises the pooled inputs to mean 0.
        let all = Tensor(shape: [12, 2, 3, 3], data: batches.flatMap(\.data))
        let evaluated = norm(Variable(all), training: false)
        XCTAssertEqual(evaluated.mean(axes: [0, 2, 3]).value.maxAbs, 0, accuracy: 1e-5)
    }
}
