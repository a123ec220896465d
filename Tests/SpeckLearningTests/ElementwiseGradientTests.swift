import SpeckTensor
import XCTest
@testable import SpeckLearning

final class ElementwiseGradientTests: XCTestCase {
    let x = GradientCheck.input([2, 3, 4], seed: 1)
    let y = GradientCheck.input([2, 3, 4], seed: 2)
    let row = GradientCheck.input([4], seed: 3)
    let channel = GradientCheck.input([1, 3, 1], seed: 4)

    func testAddSubtractBroadcast() {
        GradientCheck.check([x, y]) { $0[0] + $0[1] }
        GradientCheck.check([x, row]) { $0[0] + $0[1] }
        GradientCheck.check([x, channel]) { $0[0] - $0[1] }
        GradientCheck.check([channel, x]) { $0[0] - $0[1] }
    }

    func testMultiplyDivideBroadcast() {
        GradientCheck.check([x, y]) { $0[0] * $0[1] }
        GradientCheck.check([x, channel]) { $0[0] * $0[1] }
        GradientCheck.check([x, GradientCheck.input([1, 3, 1], seed: 5, positive: true)]) { $0[0] / $0[1] }
        GradientCheck.check([x, y]) { $0[0] / ($0[1].squared() + 1) }
    }

    func testScalarOps() {
        GradientCheck.check([x]) { $0[0] * 3 + 2 }
        GradientCheck.check([x]) { -$0[0] }
    }

    func testUnaryMath() {
        let positive = GradientCheck.input([2, 3, 4], seed: 6, positive: true)
        GradientCheck.check([x]) { $0[0].squared() }
        GradientCheck.check([positive]) { $0[0].squareRoot() }
        GradientCheck.check([x]) { $0[0].exp() }
        GradientCheck.check([positive]) { $0[0].log() }
        GradientCheck.check([x]) { $0[0].abs() }
    }

    func testActivations() {
        GradientCheck.check([x]) { $0[0].relu() }
        GradientCheck.check([x]) { $0[0].leakyRelu(slope: 0.2) }
        GradientCheck.check([x]) { $0[0].tanh() }
        GradientCheck.check([x]) { $0[0].sigmoid() }
        GradientCheck.check([x * 4]) { $0[0].softplus() }
    }

    func testForwardValues() {
        let v = Variable(Tensor(shape: [4], data: [-2, -0.5, 0.5, 30]))
        XCTAssertEqual(v.relu().value.data, [0, 0, 0.5, 30])
        XCTAssertEqual(v.leakyRelu(slope: 0.1).value.data, [-0.2, -0.05, 0.5, 30])
        XCTAssertEqual(v.sigmoid().value.data[3], 1, accuracy: 1e-6)
        XCTAssertEqual(v.softplus().value.data[3], 30, accuracy: 1e-5)
        XCTAssertEqual(v.softplus().value.data[0], Float(log1p(exp(-2.0))), accuracy: 1e-6)
    }

    func testBroadcastShapesAndRefusal() {
        XCTAssertEqual(BroadcastShape.of([2, 3, 4], [3, 1])?.shape, [2, 3, 4])
        XCTAssertEqual(BroadcastShape.of([5, 1], [1, 6])?.shape, [5, 6])
        XCTAssertNil(BroadcastShape.of([2, 3], [4]))
        let sum = Tensor(shape: [2, 1], data: [1, 2]) + Tensor(shape: [3], data: [10, 20, 30])
        XCTAssertEqual(sum.data, [11, 21, 31, 12, 22, 32])
    }
}
