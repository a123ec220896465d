import Foundation
import SpeckTensor

// Elementwise arithmetic with NumPy broadcasting. The gradient of a broadcast
// input is summed back down to its shape.

public func + (a: Variable, b: Variable) -> Variable {
    Variable(a.value + b.value, inputs: [a, b]) { g in
        [g.summed(toShape: a.shape), g.summed(toShape: b.shape)]
    }
}

public func - (a: Variable, b: Variable) -> Variable {
    Variable(a.value - b.value, inputs: [a, b]) { g in
        [g.summed(toShape: a.shape), (g * -1).summed(toShape: b.shape)]
    }
}

public func * (a: Variable, b: Variable) -> Variable {
    Variable(a.value * b.value, inputs: [a, b]) { g in
        [a.needsGradient ? (g * b.value).summed(toShape: a.shape) : nil,
         b.needsGradient ? (g * a.value).summed(toShape: b.shape) : nil]
    }
}

public func / (a: Variable, b: Variable) -> Variable {
    Variable(a.value / b.value, inputs: [a, b]) { g in
        [a.needsGradient ? (g / b.value).summed(toShape: a.shape) : nil,
         b.needsGradient ? Tensor.broadcast(g * a.value, b.value) { ga, y in -ga / (y * y) }.summed(toShape: b.shape) : nil]
    }
}

public func * (a: Variable, s: Float) -> Variable {
    Variable(a.value * s, inputs: [a]) { g in [g * s] }
}

public func + (a: Variable, s: Float) -> Variable {
    Variable(a.value + s, inputs: [a]) { g in [g] }
}

public prefix func - (a: Variable) -> Variable { a * -1 }

extension Variable {
    /// Elementwise square.
    public func squared() -> Variable {
        Variable(value.mapped { $0 * $0 }, inputs: [self]) { [value] g in
            [Tensor.broadcast(g, value) { gy, x in 2 * x * gy }]
        }
    }

    /// Elementwise square root (of positive values).
    public func squareRoot() -> Variable {
        let y = value.mapped { $0.squareRoot() }
        return Variable(y, inputs: [self]) { g in [Tensor.broadcast(g, y) { gy, r in gy / (2 * r) }] }
    }

    public func exp() -> Variable {
        let y = value.mapped { Foundation.exp($0) }
        return Variable(y, inputs: [self]) { g in [g * y] }
    }

    public func log() -> Variable {
        Variable(value.mapped { Foundation.log($0) }, inputs: [self]) { [value] g in [g / value] }
    }

    public func abs() -> Variable {
        Variable(value.mapped { Swift.abs($0) }, inputs: [self]) { [value] g in
            [Tensor.broadcast(g, value) { gy, x in x > 0 ? gy : (x < 0 ? -gy : 0) }]
        }
    }
}
