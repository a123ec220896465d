import SpeckDetectors

/// A fit context that cancels itself at the first progress report of one
/// stage, keeping the details that stage reported: for tests that a trained
/// detector stops with `.cancelled` and shows its loss.
final class CancellingFit: @unchecked Sendable {
    private(set) var details: [String] = []
    private(set) var context = FitContext()

    init(atStage stage: String) {
        context = FitContext(onProgress: { [unowned self] progress in
            guard progress.stage == stage else { return }
            details.append(progress.detail ?? "")
            context.cancel()
        })
    }
}
