import Foundation
import SpeckTensor

/// A normalizing flow: invertible steps applied in order, mapping data x to
/// z, with log p(x) = log N(z; 0, I) + log|det ∂z/∂x| (the change of variables).
/// Trained by minimising the negative log-likelihood of normal data; a low
/// likelihood then marks an anomaly.
public final class Flow: Composite {
    public let steps: [any FlowStep]

    public init(steps: [any FlowStep]) { self.steps = steps }

    public var children: [any Module] { steps }

    /// z and the per-location log-determinant ([N, 1] or [N, 1, H, W]) summed over all steps.
    public func forward(_ x: Variable, condition: Variable? = nil) -> (z: Variable, logDeterminant: Variable) {
        forward(x, prepared: condition.map(FlowCondition.init))
    }

    /// The same, with a condition from `prepare(condition:)` (or none).
    public func forward(_ x: Variable, prepared condition: FlowCondition?) -> (z: Variable, logDeterminant: Variable) {
        var y = x
        var logDet: Variable?
        for step in steps {
            let (output, stepLogDet) = step.forward(y, condition: condition)
            y = output
            logDet = logDet.map { $0 + stepLogDet } ?? stepLogDet
        }
        return (y, logDet ?? Variable(Tensor(zeros: x.locationShape)))
    }

    public func inverse(_ z: Variable, condition: Variable? = nil) -> Variable {
        let condition = condition.map(FlowCondition.init)
        return steps.reversed().reduce(z) { y, step in step.inverse(y, condition: condition) }
    }

    /// A condition with every dense subnet's first-layer share computed, for
    /// scoring many inputs against the same condition rows (not for training:
    /// the shares are taken from the current weights and carry no gradient to them).
    public func prepare(condition: Tensor) -> FlowCondition {
        var shares: [ObjectIdentifier: Variable] = [:]
        for case let coupling as AffineCoupling in steps {
            if let subnet = coupling.subnet as? DenseSubnet, subnet.conditionWidth > 0 {
                shares[ObjectIdentifier(subnet)] = Variable(subnet.conditionShare(condition))
            }
        }
        return FlowCondition(Variable(condition), shares: shares)
    }

    /// Data-dependent initialisation: runs `x` through the steps, setting each
    /// ActNorm from the activations that reach it.
    public func initialise(on x: Variable, condition: Variable? = nil) {
        let condition = condition.map(FlowCondition.init)
        GradientMode.withoutGradients {
            var y = x
            for step in steps {
                if let norm = step as? ActNorm { norm.initialise(from: y.value) }
                y = step.forward(y, condition: condition).output
            }
        }
    }

    /// log p per location, per dimension: (log N(z; 0, I) + log|det|) / C over
    /// the C channels at each location. [N, 1] or [N, 1, H, W].
    public static func logLikelihoodPerDimension(z: Tensor, logDeterminant: Tensor) -> Tensor {
        let channels = z.shape[1]
        let inner = z.shape[2...].reduce(1, *), outer = z.shape[0]
        var out = [Float](repeating: 0, count: outer * inner)
        let constant = -0.5 * Float(channels) * Foundation.log(2 * Float.pi)
        for n in 0..<outer {
            for i in 0..<inner {
                var squares: Float = 0
                for c in 0..<channels {
                    let v = z.data[(n * channels + c) * inner + i]
                    squares += v * v
                }
                out[n * inner + i] = (constant - 0.5 * squares + logDeterminant.data[n * inner + i]) / Float(channels)
            }
        }
        return Tensor(shape: logDeterminant.shape, data: out)
    }

    /// The training loss: mean over samples of −log p(x), per dimension of x
    /// (nats per dimension, so the figure does not grow with the feature size).
    public static func negativeLogLikelihood(z: Variable, logDeterminant: Variable) -> Variable {
        let dimensions = Float(z.count / z.shape[0])
        let squares = z.squared().sum() * (0.5 / Float(z.shape[0]))
        let logDet = logDeterminant.sum() * (1 / Float(z.shape[0]))
        return (squares - logDet) * (1 / dimensions) + 0.5 * Foundation.log(2 * Float.pi)
    }

    /// The usual stack: `blocks` × (ActNorm, affine coupling, seeded channel
    /// permutation). `subnet(name, inputs, outputs, block, rng)` builds each coupling's network.
    public static func glow(_ name: String, channels: Int, blocks: Int, clamp: Float, seed: UInt64,
                            subnet: (_ name: String, _ inputs: Int, _ outputs: Int, _ block: Int,
                                     _ rng: inout SeededGenerator) -> any CouplingSubnet) -> Flow {
        var rng = SeededGenerator(seed: seed)
        var steps: [any FlowStep] = []
        for block in 0..<blocks {
            let prefix = "\(name).\(block)"
            let passive = channels / 2, active = channels - passive
            steps.append(ActNorm(prefix + ".actnorm", channels: channels))
            steps.append(AffineCoupling(channels: channels, clamp: clamp,
                                        subnet: subnet(prefix + ".coupling", passive, 2 * active, block, &rng)))
            steps.append(ChannelPermutation(prefix + ".permutation", channels: channels, seed: rng.next()))
        }
        return Flow(steps: steps)
    }
}
