import SpeckTensor

/// A trainable tensor. Layers create parameters, forward passes read them
/// through `Variable(parameter)`, optimisers write them between steps.
public final class Parameter: @unchecked Sendable {
    public let name: String
    public var value: Tensor

    public init(_ name: String, _ value: Tensor) {
        self.name = name
        self.value = value
    }

    public var shape: [Int] { value.shape }
}
