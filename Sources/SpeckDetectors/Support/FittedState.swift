import Foundation

/// Holds a detector's fitted model behind a lock, so one detector object can
/// score images from several threads while a refit replaces the model whole.
public final class FittedState<Model: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var model: Model?

    public init(_ model: Model? = nil) { self.model = model }

    public func set(_ model: Model) { lock.withLock { self.model = model } }

    /// The fitted model, or `DetectorError.notFitted`.
    public func get() throws -> Model {
        guard let model = lock.withLock({ self.model }) else { throw DetectorError.notFitted }
        return model
    }
}
