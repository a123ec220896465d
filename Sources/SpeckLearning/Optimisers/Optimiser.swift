import SpeckTensor

/// Updates parameters in place from one step's gradients.
public protocol Optimiser: AnyObject {
    var learningRate: Float { get set }
    func step(_ gradients: Gradients)
}

/// Per-parameter optimiser state (momentum, moments), created on first use.
struct SlotStore {
    private var slots: [ObjectIdentifier: [Float]] = [:]

    mutating func withSlot<R>(_ parameter: Parameter, _ body: (inout [Float]) -> R) -> R {
        let key = ObjectIdentifier(parameter)
        var slot = slots.removeValue(forKey: key) ?? [Float](repeating: 0, count: parameter.value.count)
        defer { slots[key] = slot }
        return body(&slot)
    }
}
