import SpeckTensor

/// The gradients of one loss with respect to the parameters it depends on.
public struct Gradients: @unchecked Sendable {
    private var byParameter: [ObjectIdentifier: (parameter: Parameter, gradient: Tensor)] = [:]

    public init() {}

    public subscript(parameter: Parameter) -> Tensor? {
        byParameter[ObjectIdentifier(parameter)]?.gradient
    }

    public var parameters: [Parameter] { byParameter.values.map(\.parameter) }

    /// Adds `gradient` into the parameter's entry.
    public mutating func accumulate(_ gradient: Tensor, for parameter: Parameter) {
        let key = ObjectIdentifier(parameter)
        if let existing = byParameter[key] {
            byParameter[key] = (parameter, existing.gradient + gradient)
        } else {
            byParameter[key] = (parameter, gradient)
        }
    }

    /// The sum of two sets of gradients (two halves of one batch).
    public mutating func add(_ other: Gradients) {
        for (_, entry) in other.byParameter { accumulate(entry.gradient, for: entry.parameter) }
    }

    /// Every gradient multiplied by `factor` (averaging over shards, clipping).
    public mutating func scale(by factor: Float) {
        for (key, entry) in byParameter { byParameter[key] = (entry.parameter, entry.gradient * factor) }
    }

    /// Only the gradients of `parameters`: one loss can reach two networks
    /// (a GAN's generator loss runs through the discriminator) while one
    /// optimiser steps only one of them.
    public func restricted(to parameters: [Parameter]) -> Gradients {
        var kept = Gradients()
        for p in parameters { if let g = self[p] { kept.accumulate(g, for: p) } }
        return kept
    }

    /// The L2 norm of all gradients together.
    public var globalNorm: Float {
        var sum: Double = 0
        for entry in byParameter.values { for g in entry.gradient.data { sum += Double(g) * Double(g) } }
        return Float(sum.squareRoot())
    }
}

extension Variable {
    /// Reverse-mode differentiation of this scalar: the gradient of every
    /// parameter it depends on.
    public func backward() -> Gradients {
        precondition(value.count == 1, "backward() needs a scalar loss, not \(value.shape)")
        return backward(seed: Tensor(shape: value.shape, data: [1]))
    }

    /// Back-propagates `seed` (dLoss/dSelf, same shape as the value).
    public func backward(seed: Tensor) -> Gradients {
        var gradients = Gradients()
        guard needsGradient else { return gradients }
        let order = topologicalOrder()
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed]
        for node in order.reversed() {
            guard let gradient = pending.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            if let parameter = node.parameter {
                gradients.accumulate(gradient, for: parameter)
                continue
            }
            guard let propagate = node.propagate else { continue }
            let inputGradients = propagate(gradient)
            for (input, inputGradient) in zip(node.inputs, inputGradients) {
                guard input.needsGradient, let inputGradient else { continue }
                precondition(inputGradient.shape == input.shape,
                             "gradient shape \(inputGradient.shape) does not match input \(input.shape)")
                let key = ObjectIdentifier(input)
                pending[key] = pending[key].map { $0 + inputGradient } ?? inputGradient
            }
        }
        return gradients
    }

    /// Nodes that need a gradient, each after all of its inputs.
    private func topologicalOrder() -> [Variable] {
        var order: [Variable] = []
        var visited = Set<ObjectIdentifier>()
        // Iterative depth-first search: deep networks must not overflow the stack.
        var stack: [(Variable, Bool)] = [(self, false)]
        while let (node, expanded) = stack.popLast() {
            if expanded { order.append(node); continue }
            guard node.needsGradient, visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for input in node.inputs where input.needsGradient { stack.append((input, false)) }
        }
        return order
    }
}
