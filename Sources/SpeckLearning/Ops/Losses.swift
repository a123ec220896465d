import Foundation
import SpeckTensor

/// Training losses, each the mean over all elements.
public enum Loss {
    /// Mean squared error.
    public static func mse(_ prediction: Variable, _ target: Variable) -> Variable {
        (prediction - target).squared().mean()
    }

    /// Mean absolute error.
    public static func l1(_ prediction: Variable, _ target: Variable) -> Variable {
        (prediction - target).abs().mean()
    }

    /// Binary cross-entropy on logits, computed stably:
    /// max(x, 0) - x·y + log(1 + e^-|x|).
    public static func bceWithLogits(_ logits: Variable, _ targets: Tensor) -> Variable {
        precondition(logits.shape == targets.shape, "logits \(logits.shape) and targets \(targets.shape) differ")
        let x = logits.value
        let perElement = Tensor.broadcast(x, targets) { x, y in Activation.softplus(x) - x * y }
        let n = Float(max(x.count, 1))
        return Variable(Tensor(shape: [1], data: [perElement.sum / n]), inputs: [logits]) { g in
            let scale = g.data[0] / n
            return [Tensor.broadcast(x, targets) { x, y in (Activation.sigmoid(x) - y) * scale }]
        }
    }
}
