import SpeckLearning
import SpeckTensor

/// Trained networks in model files: every tensor of a module (parameters
/// and buffers) is an array under its own name.
extension DetectorState {
    public mutating func store(_ modules: [any Module]) {
        for module in modules {
            for (name, tensor) in module.namedTensors { arrays[name] = .init(shape: tensor.shape, values: tensor.data) }
        }
    }

    /// Fills `modules` (built with the configured shapes) from the arrays of
    /// the same names, refusing missing, misshapen or non-finite ones by name.
    public func load(into modules: [any Module]) throws {
        let tensors = arrays.mapValues { Tensor(shape: $0.shape, data: $0.values) }
        do {
            for module in modules { try module.load(tensors) }
        } catch let error as WeightsError {
            throw DetectorError.incompatibleModel("\(error)")
        }
    }
}
