import SpeckTensor
import XCTest
@testable import SpeckLearning

final class LayerTests: XCTestCase {
    func testBatchNormGradientsInTrainingAndEvaluation() {
        let x = GradientCheck.input([4, 3, 2, 2], seed: 41)
        let norm = BatchNorm("bn", channels: 3)
        norm.scale.value = GradientCheck.input([3], seed: 42)
        norm.shift.value = GradientCheck.input([3], seed: 43)
        GradientCheck.check([x, norm.scale.value, norm.shift.value]) { v in
            BatchNorm("check", channels: 3).normalise(v[0], scale: v[1], shift: v[2], training: true)
        }
        GradientCheck.check([x, norm.scale.value, norm.shift.value]) { v in
            BatchNorm("check", channels: 3).normalise(v[0], scale: v[1], shift: v[2], training: false)
        }
        let trained = BatchNorm("trained", channels: 3)
        trained.runningMean.value = Tensor(shape: [3], data: [0.3, -0.2, 0.1])
        trained.runningVariance.value = Tensor(shape: [3], data: [0.5, 2, 1.5])
        GradientCheck.check([x, norm.scale.value, norm.shift.value]) { v in
            trained.normalise(v[0], scale: v[1], shift: v[2], training: false)
        }
        func layerOutput(_ x: Variable, scale: Variable, shift: Variable) -> Variable {
            let mean = x.mean(axes: [0, 2, 3])
            let variance = (x - mean).squared().mean(axes: [0, 2, 3])
            return (x - mean) / (variance + 1e-5).squareRoot() * scale.reshaped([1, 3, 1, 1]) + shift.reshaped([1, 3, 1, 1])
        }
        // The layer's output equals the formula; each channel comes out with mean 0, variance 1.
        let out = norm(Variable(x), training: true).value
        let reference = layerOutput(Variable(x), scale: Variable(norm.scale.value), shift: Variable(norm.shift.value)).value
        XCTAssertLessThan(out.maxAbsDifference(to: reference), 1e-6)
        let plain = BatchNorm("plain", channels: 3)
        let normalised = plain(Variable(x), training: true)
        XCTAssertEqual(normalised.mean(axes: [0, 2, 3]).value.maxAbs, 0, accuracy: 1e-6)
        XCTAssertEqual(normalised.variance(axes: [0, 2, 3]).value.data[1], 1, accuracy: 1e-3)
        // Evaluation mode uses the running statistics, which moved 10% towards the batch's.
        let batchMean = Variable(x).mean(axes: [0, 2, 3]).value
        XCTAssertEqual(plain.runningMean.value.data[0], 0.1 * batchMean.data[0], accuracy: 1e-6)
        let evaluated = plain(Variable(x), training: false).value
        let expected = (x - plain.runningMean.value.reshaped([1, 3, 1, 1]))
            / (plain.runningVariance.value.reshaped([1, 3, 1, 1]) + 1e-5).mapped { $0.squareRoot() }
        XCTAssertLessThan(evaluated.maxAbsDifference(to: expected), 1e-5)
    }

    func testInitialisersAreSeededAndScaled() {
        var a = SeededGenerator(seed: 7), b = SeededGenerator(seed: 7)
        let first = Initialiser.kaimingNormal().tensor([256, 64], fanIn: 64, fanOut: 256, using: &a)
        let second = Initialiser.kaimingNormal().tensor([256, 64], fanIn: 64, fanOut: 256, using: &b)
        XCTAssertEqual(first, second)
        let variance = first.data.reduce(0) { $0 + Double($1 * $1) } / Double(first.count)
        XCTAssertEqual(variance, 2.0 / 64, accuracy: 0.1 * 2.0 / 64)
        let uniform = Initialiser.xavierUniform.tensor([100, 100], fanIn: 100, fanOut: 100, using: &a)
        XCTAssertLessThanOrEqual(uniform.maxAbs, (6.0 / 200).squareRoot())
        XCTAssertGreaterThan(uniform.maxAbs, 0.9 * (6.0 / 200).squareRoot())
    }

    func testModuleLoadRefusesBadTensorsByName() throws {
        var rng = SeededGenerator(seed: 1)
        let layer = Dense("head", inputs: 3, outputs: 2, rng: &rng)
        var tensors = layer.namedTensors
        XCTAssertEqual(Set(tensors.keys), ["head.weight", "head.bias"])
        tensors["head.weight"]!.data[4] = .nan
        XCTAssertThrowsError(try layer.load(tensors)) { XCTAssertEqual($0 as? WeightsError, .nonFinite("head.weight")) }
        tensors["head.weight"] = Tensor(zeros: [3, 2])
        XCTAssertThrowsError(try layer.load(tensors)) {
            XCTAssertEqual($0 as? WeightsError, .shapeMismatch(name: "head.weight", expected: [2, 3], found: [3, 2]))
        }
        XCTAssertThrowsError(try layer.load(["head.weight": Tensor(zeros: [2, 3])])) {
            XCTAssertEqual($0 as? WeightsError, .missing("head.bias"))
        }
    }

    func testSafetensorsLayout() throws {
        let data = try SafetensorsWriter.encode(["b": Tensor(shape: [2], data: [1, 2]), "a": Tensor(shape: [1, 1], data: [3])],
                                                metadata: ["format": "speck"])
        let headerLength = Int(data.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
        XCTAssertEqual((8 + headerLength) % 8, 0)
        let header = try JSONSerialization.jsonObject(with: data[8..<(8 + headerLength)]) as! [String: Any]
        let a = header["a"] as! [String: Any], b = header["b"] as! [String: Any]
        XCTAssertEqual(a["dtype"] as? String, "F32")
        XCTAssertEqual(a["data_offsets"] as? [Int], [0, 4])
        XCTAssertEqual(b["data_offsets"] as? [Int], [4, 12])
        let payload = data[(8 + headerLength)...]
        let floats = payload.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        XCTAssertEqual(floats, [3, 1, 2])
    }
}
