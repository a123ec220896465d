import Foundation
import SpeckTensor

/// Adam (Kingma & Ba 2015). `weightDecay` is added to the gradient (L2, as in
/// PyTorch's Adam); `decoupledWeightDecay` shrinks the weights directly
/// (AdamW, Loshchilov & Hutter 2019).
public final class Adam: Optimiser {
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let decoupledWeightDecay: Float
    private var firstMoment = SlotStore()
    private var secondMoment = SlotStore()
    private var steps: [ObjectIdentifier: Int] = [:]

    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0, decoupledWeightDecay: Float = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// AdamW with PyTorch's default decay of 0.01.
    public static func adamW(learningRate: Float = 1e-3, weightDecay: Float = 0.01) -> Adam {
        Adam(learningRate: learningRate, decoupledWeightDecay: weightDecay)
    }

    public func step(_ gradients: Gradients) {
        for parameter in gradients.parameters {
            guard let g = gradients[parameter] else { continue }
            let key = ObjectIdentifier(parameter)
            let t = (steps[key] ?? 0) + 1
            steps[key] = t
            let correction1 = 1 - Float(pow(Double(beta1), Double(t)))
            let correction2 = 1 - Float(pow(Double(beta2), Double(t)))
            firstMoment.withSlot(parameter) { m in
                secondMoment.withSlot(parameter) { v in
                    parameter.value.data.withUnsafeMutableBufferPointer { w in
                        for i in 0..<w.count {
                            let d = g.data[i] + weightDecay * w[i]
                            m[i] = beta1 * m[i] + (1 - beta1) * d
                            v[i] = beta2 * v[i] + (1 - beta2) * d * d
                            let update = (m[i] / correction1) / ((v[i] / correction2).squareRoot() + epsilon)
                            w[i] -= learningRate * (update + decoupledWeightDecay * w[i])
                        }
                    }
                }
            }
        }
    }
}
