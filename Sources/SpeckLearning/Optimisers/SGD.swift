import SpeckTensor

/// Stochastic gradient descent with momentum and L2 weight decay (PyTorch's
/// formulation: v = μ·v + (g + λ·w); w -= lr·v).
public final class SGD: Optimiser {
    public var learningRate: Float
    public let momentum: Float
    public let weightDecay: Float
    private var velocity = SlotStore()

    public init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public func step(_ gradients: Gradients) {
        for parameter in gradients.parameters {
            guard let g = gradients[parameter] else { continue }
            velocity.withSlot(parameter) { v in
                parameter.value.data.withUnsafeMutableBufferPointer { w in
                    for i in 0..<w.count {
                        let d = g.data[i] + weightDecay * w[i]
                        v[i] = momentum * v[i] + d
                        w[i] -= learningRate * (momentum == 0 ? d : v[i])
                    }
                }
            }
        }
    }
}
