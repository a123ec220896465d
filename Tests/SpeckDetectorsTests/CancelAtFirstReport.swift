@testable import SpeckDetectors

/// A fit context that cancels at the first progress report of `stage` and
/// keeps the detail (the loss line) each report of that stage showed.
final class CancelAtFirstReport: @unchecked Sendable {
    private(set) var details: [String] = []
    private(set) var context = FitContext()

    init(stage: String) {
        context = FitContext(onProgress: { [unowned self] progress in
            guard progress.stage == stage else { return }
            details.append(progress.detail ?? "")
            context.cancel()
        })
    }
}
