import SpeckTensor
import XCTest
@testable import SpeckLearning

/// Finite-difference gradient checks: the analytic gradient of
/// L = Σ f(x) ⊙ R (R a fixed random tensor, so every output element counts
/// with its own weight) against central differences of L computed in Double.
enum GradientCheck {
    /// Values in ±[0.2, 1]: away from the kinks of ReLU, abs and max pooling.
    static func input(_ shape: [Int], seed: UInt64, positive: Bool = false) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        let values = (0..<shape.reduce(1, *)).map { _ -> Float in
            let magnitude = Float.random(in: 0.2...1, using: &rng)
            return positive || Bool.random(using: &rng) ? magnitude : -magnitude
        }
        return Tensor(shape: shape, data: values)
    }

    static func check(_ inputs: [Tensor], epsilon: Float = 1e-2, tolerance: Float = 2e-2,
                      maxChecksPerInput: Int = 60, _ f: ([Variable]) -> Variable,
                      file: StaticString = #filePath, line: UInt = #line) {
        let parameters = inputs.enumerated().map { Parameter("x\($0.offset)", $0.element) }
        let output = f(parameters.map(Variable.init))
        let weights = input(output.shape, seed: 99)
        let gradients = (output * Variable(weights)).sum().backward()

        func loss() -> Double {
            let y = f(parameters.map(Variable.init)).value
            var total: Double = 0
            for i in 0..<y.count { total += Double(y.data[i]) * Double(weights.data[i]) }
            return total
        }

        for parameter in parameters {
            guard let analytic = gradients[parameter] else {
                XCTFail("no gradient for \(parameter.name)", file: file, line: line)
                continue
            }
            XCTAssertEqual(analytic.shape, parameter.shape, file: file, line: line)
            let count = parameter.value.count
            let step = max(1, count / maxChecksPerInput)
            for i in stride(from: 0, to: count, by: step) {
                let original = parameter.value.data[i]
                parameter.value.data[i] = original + epsilon
                let plus = loss()
                parameter.value.data[i] = original - epsilon
                let minus = loss()
                parameter.value.data[i] = original
                let numeric = Float((plus - minus) / Double(2 * epsilon))
                let a = analytic.data[i]
                let scale = max(1, abs(a), abs(numeric))
                XCTAssertLessThanOrEqual(abs(a - numeric), tolerance * scale,
                                         "\(parameter.name)[\(i)]: analytic \(a), numeric \(numeric)",
                                         file: file, line: line)
            }
        }
    }
}
