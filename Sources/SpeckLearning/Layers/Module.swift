import SpeckTensor

/// Anything that owns parameters: a layer or a whole network. Names are unique
/// within a model and stable across versions: they key the saved weights.
public protocol Module: AnyObject {
    /// Trained tensors, in a fixed order.
    var parameters: [Parameter] { get }
    /// Tensors saved with the model but not trained by gradient (batch-norm running statistics).
    var buffers: [Parameter] { get }
}

extension Module {
    public var buffers: [Parameter] { [] }

    /// Every saved tensor by name: parameters and buffers.
    public var namedTensors: [String: Tensor] {
        var tensors: [String: Tensor] = [:]
        for p in parameters + buffers { tensors[p.name] = p.value }
        return tensors
    }

    /// Number of trained scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// Replaces every parameter and buffer with the tensor of the same name,
    /// refusing missing, misshapen or non-finite tensors by name.
    public func load(_ tensors: [String: Tensor]) throws {
        for p in parameters + buffers {
            guard let tensor = tensors[p.name] else { throw WeightsError.missing(p.name) }
            guard tensor.shape == p.value.shape else {
                throw WeightsError.shapeMismatch(name: p.name, expected: p.value.shape, found: tensor.shape)
            }
            guard tensor.data.allSatisfy(\.isFinite) else { throw WeightsError.nonFinite(p.name) }
            p.value = tensor
        }
    }
}

/// A module made of other modules, listing their tensors in order.
public protocol Composite: Module {
    var children: [any Module] { get }
}

extension Composite {
    public var parameters: [Parameter] { children.flatMap(\.parameters) }
    public var buffers: [Parameter] { children.flatMap(\.buffers) }
}

public enum WeightsError: Error, CustomStringConvertible, Equatable {
    case missing(String)
    case shapeMismatch(name: String, expected: [Int], found: [Int])
    case nonFinite(String)

    public var description: String {
        switch self {
        case .missing(let name): return "weights: tensor '\(name)' is missing"
        case .shapeMismatch(let name, let expected, let found):
            return "weights: tensor '\(name)' has shape \(found), expected \(expected)"
        case .nonFinite(let name): return "weights: tensor '\(name)' holds NaN or infinite values"
        }
    }
}
