@testable import SpeckDetectors

/// A fit context that asks for cancellation at the first progress report of
/// `stage`, keeping the details of that stage's reports, for the trained
/// detectors' cancellation tests.
final class CancellingContext: @unchecked Sendable {
    private(set) var details: [String] = []
    private(set) var context = FitContext()

    init(at stage: String) {
        context = FitContext(onProgress: { [unowned self] progress in
            guard progress.stage == stage else { return }
            details.append(progress.detail ?? "")
            context.cancel()
        })
    }
}
