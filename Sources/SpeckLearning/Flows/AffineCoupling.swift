import SpeckTensor

/// A RealNVP/Glow affine coupling: the first half of the channels passes
/// unchanged and, with the condition, drives a subnet that scales and shifts
/// the second half: y₂ = x₂ · exp(s) + t. The Jacobian is triangular, so
/// log|det| = Σ s. Scales are soft-clamped, s = clamp · tanh(ŝ / clamp), so
/// that exp(s) stays within e^±clamp and training cannot blow up.
public final class AffineCoupling: FlowStep, Composite {
    public let subnet: any CouplingSubnet
    public let channels: Int
    public let clamp: Float

    /// Channels that pass unchanged and condition the rest.
    public var passive: Int { channels / 2 }
    public var active: Int { channels - passive }

    /// `subnet` maps the `passive` channels (and the condition) to 2 · `active` channels: ŝ then t.
    public init(channels: Int, clamp: Float, subnet: any CouplingSubnet) {
        precondition(channels >= 2, "a coupling needs at least 2 channels")
        self.channels = channels
        self.clamp = clamp
        self.subnet = subnet
    }

    public var children: [any Module] { [subnet] }

    public func forward(_ x: Variable, condition: FlowCondition?) -> (output: Variable, logDeterminant: Variable) {
        let x1 = x.slice(axis: 1, 0..<passive), x2 = x.slice(axis: 1, passive..<channels)
        let (s, t) = scaleAndShift(x1, condition: condition)
        let y2 = x2 * s.exp() + t
        return (concat([x1, y2], axis: 1), s.sum(axes: [1]))
    }

    public func inverse(_ y: Variable, condition: FlowCondition?) -> Variable {
        let y1 = y.slice(axis: 1, 0..<passive), y2 = y.slice(axis: 1, passive..<channels)
        let (s, t) = scaleAndShift(y1, condition: condition)
        return concat([y1, (y2 - t) * (-s).exp()], axis: 1)
    }

    private func scaleAndShift(_ x1: Variable, condition: FlowCondition?) -> (Variable, Variable) {
        let h = subnet(x1, condition: condition)
        precondition(h.shape[1] == 2 * active, "coupling subnet gave \(h.shape[1]) channels, expected \(2 * active)")
        let s = (h.slice(axis: 1, 0..<active) * (1 / clamp)).tanh() * clamp
        return (s, h.slice(axis: 1, active..<(2 * active)))
    }
}
