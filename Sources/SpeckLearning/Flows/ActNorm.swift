import Foundation
import SpeckTensor

/// Glow's activation normalisation: y = (x + b) · exp(log s) per channel,
/// b and log s initialised from the first data so that the output starts with
/// zero mean and unit variance per channel (`Flow.initialise(on:)`).
public final class ActNorm: FlowStep {
    public let logScale: Parameter
    public let bias: Parameter

    public init(_ name: String, channels: Int) {
        logScale = Parameter(name + ".log_scale", Tensor(zeros: [channels]))
        bias = Parameter(name + ".bias", Tensor(zeros: [channels]))
    }

    public var parameters: [Parameter] { [logScale, bias] }

    /// Sets b = −mean and log s = −log std of `x`'s channels.
    public func initialise(from x: Tensor) {
        let channels = x.shape[1], inner = x.shape[2...].reduce(1, *), outer = x.shape[0]
        var sum = [Double](repeating: 0, count: channels), squares = sum
        for n in 0..<outer {
            for c in 0..<channels {
                let base = (n * channels + c) * inner
                for i in 0..<inner {
                    let v = Double(x.data[base + i])
                    sum[c] += v
                    squares[c] += v * v
                }
            }
        }
        let count = Double(max(outer * inner, 1))
        let mean = sum.map { $0 / count }
        let std = zip(mean, squares).map { m, q in max(q / count - m * m, 1e-12).squareRoot() }
        bias.value = Tensor(shape: [channels], data: mean.map { Float(-$0) })
        logScale.value = Tensor(shape: [channels], data: std.map { Float(-Foundation.log(max($0, 1e-6))) })
    }

    public func forward(_ x: Variable, condition: FlowCondition?) -> (output: Variable, logDeterminant: Variable) {
        let shape = broadcastShape(x)
        let logS = Variable(logScale).reshaped(shape)
        let y = (x + Variable(bias).reshaped(shape)) * logS.exp()
        // The same Σ log s at every location.
        let perLocation = Variable(logScale).sum().reshaped(Array(repeating: 1, count: x.shape.count))
        return (y, perLocation + Variable(Tensor(zeros: x.locationShape)))
    }

    public func inverse(_ y: Variable, condition: FlowCondition?) -> Variable {
        let shape = broadcastShape(y)
        return y * (-Variable(logScale).reshaped(shape)).exp() - Variable(bias).reshaped(shape)
    }

    /// [1, C] for rows, [1, C, 1, 1] for maps.
    private func broadcastShape(_ x: Variable) -> [Int] {
        var shape = Array(repeating: 1, count: x.shape.count)
        shape[1] = x.shape[1]
        return shape
    }
}
