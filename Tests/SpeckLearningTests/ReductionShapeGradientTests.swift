import SpeckTensor
import XCTest
@testable import SpeckLearning

final class ReductionShapeGradientTests: XCTestCase {
    let x = GradientCheck.input([2, 3, 4], seed: 11)

    func testReductions() {
        GradientCheck.check([x]) { $0[0].sum() }
        GradientCheck.check([x]) { $0[0].mean() }
        GradientCheck.check([x]) { $0[0].sum(axes: [1]) }
        GradientCheck.check([x]) { $0[0].mean(axes: [0, 2]) }
        GradientCheck.check([x]) { $0[0].variance(axes: [0, 2]) }
    }

    func testReductionValues() {
        let v = Variable(Tensor(shape: [2, 2], data: [1, 2, 3, 5]))
        XCTAssertEqual(v.sum().scalar, 11)
        XCTAssertEqual(v.mean(axes: [0]).value.data, [2, 3.5])
        XCTAssertEqual(v.variance(axes: [1]).value.data, [0.25, 1])
    }

    func testShapeOps() {
        GradientCheck.check([x]) { $0[0].reshaped([6, 4]) }
        GradientCheck.check([x]) { $0[0].permuted([2, 0, 1]) }
        GradientCheck.check([x]) { $0[0].slice(axis: 1, 1..<3) }
        GradientCheck.check([x, GradientCheck.input([2, 2, 4], seed: 12)]) { concat([$0[0], $0[1]], axis: 1) }
        GradientCheck.check([x, GradientCheck.input([2, 3, 1], seed: 13)]) { concat([$0[1], $0[0]], axis: 2) }
    }

    func testShapeValues() {
        let v = Variable(Tensor(shape: [2, 3], data: [1, 2, 3, 4, 5, 6]))
        XCTAssertEqual(v.permuted([1, 0]).value.data, [1, 4, 2, 5, 3, 6])
        XCTAssertEqual(v.slice(axis: 1, 1..<3).value.data, [2, 3, 5, 6])
        XCTAssertEqual(concat([v, v.slice(axis: 1, 0..<1)], axis: 1).value.data, [1, 2, 3, 1, 4, 5, 6, 4])
    }

    func testMatrixProducts() {
        let a = GradientCheck.input([3, 5], seed: 14), b = GradientCheck.input([5, 4], seed: 15)
        GradientCheck.check([a, b]) { matmul($0[0], $0[1]) }
        let w = GradientCheck.input([4, 5], seed: 16), bias = GradientCheck.input([4], seed: 17)
        GradientCheck.check([a, w, bias]) { dense($0[0], weight: $0[1], bias: $0[2]) }
        let product = matmul(Variable(Tensor(shape: [1, 2], data: [1, 2])), Variable(Tensor(shape: [2, 1], data: [3, 4])))
        XCTAssertEqual(product.value.data, [11])
    }

    func testLosses() {
        let p = GradientCheck.input([3, 4], seed: 18), t = GradientCheck.input([3, 4], seed: 19)
        GradientCheck.check([p]) { Loss.mse($0[0], Variable(t)) }
        GradientCheck.check([p]) { Loss.l1($0[0], Variable(t)) }
        let labels = Tensor(shape: [3, 4], data: (0..<12).map { Float($0 % 2) })
        GradientCheck.check([p * 3]) { Loss.bceWithLogits($0[0], labels) }
        // Reference: -[y log σ(x) + (1-y) log(1-σ(x))] at x = 2, y = 1 and x = -1, y = 0.
        let bce = Loss.bceWithLogits(Variable(Tensor(shape: [2], data: [2, -1])), Tensor(shape: [2], data: [1, 0]))
        let expected = (-log(1 / (1 + exp(-2.0))) - log(1 - 1 / (1 + exp(1.0)))) / 2
        XCTAssertEqual(Double(bce.scalar), expected, accuracy: 1e-6)
        // Stable for large logits.
        XCTAssertTrue(Loss.bceWithLogits(Variable(Tensor(shape: [1], data: [200])), Tensor(shape: [1], data: [0])).scalar.isFinite)
    }

    func testGradientsAccumulateOverSharedInputs() {
        let p = Parameter("p", Tensor(shape: [1], data: [3]))
        let v = Variable(p)
        let loss = (v * v + v).sum()  // d/dp (p² + p) = 2p + 1 = 7
        XCTAssertEqual(loss.backward()[p]?.data, [7])
    }
}
