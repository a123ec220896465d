import Foundation
import SpeckTensor
import XCTest
@testable import SpeckLearning

/// Normalizing-flow blocks: every step inverts exactly, the log-determinant
/// the flow reports is the log|det| of its Jacobian measured by finite
/// differences, gradients match finite differences, and a flow learns a density.
final class FlowTests: XCTestCase {
    private func denseFlow(channels: Int, conditionWidth: Int, blocks: Int = 3, seed: UInt64 = 1) -> Flow {
        Flow.glow("flow", channels: channels, blocks: blocks, clamp: 2, seed: seed) { name, inputs, outputs, _, rng in
            DenseSubnet(name, inputs: inputs, conditionWidth: conditionWidth, hiddenWidth: 6, outputs: outputs, rng: &rng)
        }
    }

    private func convFlow(channels: Int, blocks: Int = 2, seed: UInt64 = 1) -> Flow {
        Flow.glow("flow", channels: channels, blocks: blocks, clamp: 2, seed: seed) { name, inputs, outputs, block, rng in
            ConvSubnet(name, inputs: inputs, hiddenWidth: 4, outputs: outputs, kernel: block % 2 == 0 ? 3 : 1, rng: &rng)
        }
    }

    /// Fresh couplings are the identity (zero last layers): give every parameter random values to test something.
    private func randomise(_ flow: Flow, seed: UInt64, scale: Float = 0.4) {
        var rng = SeededGenerator(seed: seed)
        for p in flow.parameters {
            p.value = Tensor(shape: p.shape, data: (0..<p.value.count).map { _ in Float.random(in: -scale...scale, using: &rng) })
        }
    }

    func testGatherGradient() {
        GradientCheck.check([GradientCheck.input([2, 4, 3], seed: 1)]) { $0[0].gathered(axis: 1, indices: [2, 0, 3, 1]) }
        // Repeated indices add their gradients.
        GradientCheck.check([GradientCheck.input([3, 5], seed: 2)]) { $0[0].gathered(axis: 1, indices: [4, 4, 0]) }
    }

    func testEveryStepInvertsWithinTolerance() {
        var rng = SeededGenerator(seed: 5)
        let rows = denseFlow(channels: 5, conditionWidth: 3)
        randomise(rows, seed: 2)
        let x = Variable(GradientCheck.input([7, 5], seed: 3)), condition = Variable(GradientCheck.input([7, 3], seed: 4))
        let z = rows.forward(x, condition: condition).z
        XCTAssertGreaterThan(z.value.maxAbsDifference(to: x.value), 0.1, "the randomised flow must not be the identity")
        XCTAssertLessThanOrEqual(rows.inverse(z, condition: condition).value.maxAbsDifference(to: x.value), 1e-5)

        let maps = convFlow(channels: 4)
        randomise(maps, seed: 6)
        let m = Variable(Tensor(shape: [2, 4, 5, 3], data: (0..<120).map { _ in Float.random(in: -1...1, using: &rng) }))
        let zm = maps.forward(m).z
        XCTAssertGreaterThan(zm.value.maxAbsDifference(to: m.value), 0.1)
        XCTAssertLessThanOrEqual(maps.inverse(zm).value.maxAbsDifference(to: m.value), 1e-5)
    }

    /// A prepared condition (first-layer shares computed once) gives the same flow as the plain one.
    func testPreparedConditionGivesTheSameFlow() {
        let rows = denseFlow(channels: 5, conditionWidth: 3)
        randomise(rows, seed: 24)
        let x = Variable(GradientCheck.input([6, 5], seed: 25)), c = GradientCheck.input([6, 3], seed: 26)
        let plain = rows.forward(x, condition: Variable(c)), prepared = rows.forward(x, prepared: rows.prepare(condition: c))
        XCTAssertLessThanOrEqual(prepared.z.value.maxAbsDifference(to: plain.z.value), 1e-5)
        XCTAssertLessThanOrEqual(prepared.logDeterminant.value.maxAbsDifference(to: plain.logDeterminant.value), 1e-5)
        XCTAssertGreaterThan(plain.z.value.maxAbsDifference(to: rows.forward(x, condition: Variable(c * 2)).z.value), 0.01,
                             "the condition must matter")
    }

    /// log|det ∂z/∂x| from finite differences (in Double, by Gaussian elimination) against the flow's own sum.
    func testLogDeterminantMatchesFiniteDifferenceJacobian() {
        let rows = denseFlow(channels: 4, conditionWidth: 2)
        randomise(rows, seed: 7)
        let condition = Variable(GradientCheck.input([1, 2], seed: 8))
        assertLogDeterminant(of: { rows.forward($0, condition: condition) }, at: GradientCheck.input([1, 4], seed: 9))

        let maps = convFlow(channels: 2)
        randomise(maps, seed: 10)
        assertLogDeterminant(of: { maps.forward($0) }, at: GradientCheck.input([1, 2, 3, 3], seed: 11))
    }

    private func assertLogDeterminant(of f: (Variable) -> (z: Variable, logDeterminant: Variable), at x: Tensor,
                                      file: StaticString = #filePath, line: UInt = #line) {
        let n = x.count, epsilon: Float = 1e-3
        var jacobian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for j in 0..<n {
            var plus = x, minus = x
            plus.data[j] += epsilon
            minus.data[j] -= epsilon
            let zp = f(Variable(plus)).z.value.data, zm = f(Variable(minus)).z.value.data
            for i in 0..<n { jacobian[i][j] = (Double(zp[i]) - Double(zm[i])) / Double(2 * epsilon) }
        }
        let reported = f(Variable(x)).logDeterminant.value.data.reduce(0, +)
        XCTAssertEqual(Double(reported), Self.logAbsDeterminant(jacobian), accuracy: 2e-3, file: file, line: line)
        XCTAssertGreaterThan(abs(reported), 0.05, "a trivial log-det would test nothing", file: file, line: line)
    }

    /// log|det A| by Gaussian elimination with partial pivoting.
    static func logAbsDeterminant(_ matrix: [[Double]]) -> Double {
        var a = matrix
        let n = a.count
        var total = 0.0
        for k in 0..<n {
            let pivot = (k..<n).max { abs(a[$0][k]) < abs(a[$1][k]) }!
            a.swapAt(k, pivot)
            total += Foundation.log(abs(a[k][k]))
            for i in (k + 1)..<n {
                let factor = a[i][k] / a[k][k]
                for j in k..<n { a[i][j] -= factor * a[k][j] }
            }
        }
        return total
    }

    func testGradientsWithRespectToInputsAndCondition() {
        let rows = denseFlow(channels: 4, conditionWidth: 2, blocks: 2)
        randomise(rows, seed: 12)
        GradientCheck.check([GradientCheck.input([3, 4], seed: 13), GradientCheck.input([3, 2], seed: 14)],
                            epsilon: 1e-3) { v in
            let (z, logDet) = rows.forward(v[0], condition: v[1])
            return concat([z, logDet], axis: 1)
        }
        let maps = convFlow(channels: 3)
        randomise(maps, seed: 15)
        GradientCheck.check([GradientCheck.input([2, 3, 3, 4], seed: 16)], epsilon: 1e-3) { v in
            let (z, logDet) = maps.forward(v[0])
            return concat([z, logDet], axis: 1)
        }
    }

    /// Gradients of the NLL loss with respect to every parameter kind: ActNorm, subnets (dense and conv).
    func testLossGradientsWithRespectToParameters() {
        let rows = denseFlow(channels: 4, conditionWidth: 2, blocks: 2)
        randomise(rows, seed: 17)
        let x = Variable(GradientCheck.input([5, 4], seed: 18)), c = Variable(GradientCheck.input([5, 2], seed: 19))
        assertParameterGradients(of: rows) {
            let (z, logDet) = rows.forward(x, condition: c)
            return Flow.negativeLogLikelihood(z: z, logDeterminant: logDet)
        }
        let maps = convFlow(channels: 3)
        randomise(maps, seed: 20)
        let m = Variable(GradientCheck.input([2, 3, 3, 3], seed: 21))
        assertParameterGradients(of: maps) {
            let (z, logDet) = maps.forward(m)
            return Flow.negativeLogLikelihood(z: z, logDeterminant: logDet)
        }
    }

    private func assertParameterGradients(of module: any Module, epsilon: Float = 1e-3, _ loss: () -> Variable,
                                          file: StaticString = #filePath, line: UInt = #line) {
        let gradients = loss().backward()
        for p in module.parameters {
            guard let analytic = gradients[p] else { XCTFail("no gradient for \(p.name)", file: file, line: line); continue }
            for i in stride(from: 0, to: p.value.count, by: max(1, p.value.count / 8)) {
                let original = p.value.data[i]
                p.value.data[i] = original + epsilon
                let plus = Double(loss().scalar)
                p.value.data[i] = original - epsilon
                let minus = Double(loss().scalar)
                p.value.data[i] = original
                let numeric = Float((plus - minus) / Double(2 * epsilon))
                XCTAssertEqual(analytic.data[i], numeric, accuracy: 5e-3 * max(1, abs(numeric)),
                               "\(p.name)[\(i)]", file: file, line: line)
            }
        }
    }

    func testIdentityFlowGivesTheStandardNormalLikelihood() {
        let flow = denseFlow(channels: 2, conditionWidth: 0, blocks: 1)
        let x = Tensor(shape: [2, 2], data: [0, 0, 1, 2])
        let (z, logDet) = flow.forward(Variable(x))
        // ActNorm at 0 and a zero subnet are the identity; the permutation may swap the two channels.
        XCTAssertEqual(z.value.data.sorted(), x.data.sorted())
        XCTAssertEqual(logDet.value.data, [0, 0])
        let halfLog2Pi = 0.5 * Foundation.log(2 * Float.pi)
        // Per dimension: 0.5·(0 + 0 + 1 + 4)/(2 samples · 2 dims) + ½log 2π.
        XCTAssertEqual(Flow.negativeLogLikelihood(z: z, logDeterminant: logDet).scalar, 0.625 + halfLog2Pi, accuracy: 1e-6)
        let perLocation = Flow.logLikelihoodPerDimension(z: z.value, logDeterminant: logDet.value)
        XCTAssertEqual(perLocation.shape, [2, 1])
        XCTAssertEqual(perLocation.data[0], -halfLog2Pi, accuracy: 1e-6)
        XCTAssertEqual(perLocation.data[1], -halfLog2Pi - 1.25, accuracy: 1e-6)
    }

    func testActNormInitialisesToZeroMeanUnitVariance() {
        var rng = SeededGenerator(seed: 22)
        let x = Tensor(shape: [64, 3], data: (0..<192).map { i in Float(i % 3) * 5 + 2 * rng.nextGaussian() })
        let norm = ActNorm("n", channels: 3)
        norm.initialise(from: x)
        let y = norm.forward(Variable(x), condition: nil).output.value
        for c in 0..<3 {
            let column = (0..<64).map { Double(y.data[$0 * 3 + c]) }
            let mean = column.reduce(0, +) / 64
            XCTAssertEqual(mean, 0, accuracy: 1e-5)
            XCTAssertEqual(column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 64, 1, accuracy: 1e-4)
        }
    }

    /// A flow fitted to a correlated, curved 2D cloud gives its points a higher likelihood than far points.
    func testFlowLearnsADensity() {
        var rng = SeededGenerator(seed: 23)
        let samples = (0..<256).flatMap { _ -> [Float] in
            let a = rng.nextGaussian(), b = 0.3 * rng.nextGaussian()
            return [a, 0.5 * a * a + b]
        }
        let x = Variable(Tensor(shape: [256, 2], data: samples))
        let flow = Flow.glow("flow", channels: 2, blocks: 4, clamp: 3, seed: 1) { name, inputs, outputs, _, rng in
            DenseSubnet(name, inputs: inputs, hiddenWidth: 16, outputs: outputs, rng: &rng)
        }
        flow.initialise(on: x)
        let adam = Adam(learningRate: 0.01)
        func loss() -> Variable {
            let (z, logDet) = flow.forward(x)
            return Flow.negativeLogLikelihood(z: z, logDeterminant: logDet)
        }
        let before = loss().scalar
        for _ in 0..<300 { adam.step(loss().backward()) }
        let after = loss().scalar
        XCTAssertLessThan(after, before - 0.2, "NLL per dimension \(before) → \(after)")
        let probes = Variable(Tensor(shape: [2, 2], data: [0, 0.1, 0, 2.5]))  // on the curve, far off it
        let (z, logDet) = flow.forward(probes)
        let ll = Flow.logLikelihoodPerDimension(z: z.value, logDeterminant: logDet.value).data
        XCTAssertGreaterThan(ll[0], ll[1] + 1)
    }
}
