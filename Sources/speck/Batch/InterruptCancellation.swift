import Dispatch
import Foundation
import SpeckDetectors

/// Ctrl-C during a fit cancels it cooperatively (the detector stops within a
/// batch, nothing half-written is left); a second Ctrl-C quits at once.
enum InterruptCancellation {
    /// Kept alive for the process: a released signal source stops listening.
    nonisolated(unsafe) private static var source: DispatchSourceSignal?

    static func install(cancelling context: FitContext, progress: ProgressBar) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if context.isCancelled { exit(130) }
            context.cancel()
            progress.note("stopping: the fit ends within a batch (Ctrl-C again quits at once)")
        }
        source.resume()
        Self.source = source
    }
}
