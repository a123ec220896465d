import Foundation
import SpeckTensor

extension Variable {
    public func relu() -> Variable {
        Variable(value.mapped { max($0, 0) }, inputs: [self]) { [value] g in
            [Tensor.broadcast(g, value) { gy, x in x > 0 ? gy : 0 }]
        }
    }

    public func leakyRelu(slope: Float = 0.2) -> Variable {
        Variable(value.mapped { $0 > 0 ? $0 : slope * $0 }, inputs: [self]) { [value] g in
            [Tensor.broadcast(g, value) { gy, x in x > 0 ? gy : slope * gy }]
        }
    }

    public func tanh() -> Variable {
        let y = value.mapped { Foundation.tanh($0) }
        return Variable(y, inputs: [self]) { g in [Tensor.broadcast(g, y) { gy, t in gy * (1 - t * t) }] }
    }

    public func sigmoid() -> Variable {
        let y = value.mapped(Activation.sigmoid)
        return Variable(y, inputs: [self]) { g in [Tensor.broadcast(g, y) { gy, s in gy * s * (1 - s) }] }
    }

    /// log(1 + e^x), computed without overflow.
    public func softplus() -> Variable {
        Variable(value.mapped(Activation.softplus), inputs: [self]) { [value] g in
            [Tensor.broadcast(g, value) { gy, x in gy * Activation.sigmoid(x) }]
        }
    }
}

/// Scalar activation functions shared by ops and losses.
enum Activation {
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
    }

    @inline(__always)
    static func softplus(_ x: Float) -> Float {
        max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
    }
}
