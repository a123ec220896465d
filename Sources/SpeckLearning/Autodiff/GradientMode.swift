/// Whether forward passes record the graph for a backward pass. Scoring and
/// statistics passes need only values: without recording, no op keeps its
/// inputs alive or builds a backward closure, so a pass over a whole feature
/// map costs the memory of its live tensors, not of every intermediate.
public enum GradientMode {
    @TaskLocal static var recording = true

    /// Runs `body` with parameter leaves read as constants (per thread, like PyTorch's `no_grad`).
    public static func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
        try $recording.withValue(false, operation: body)
    }
}
