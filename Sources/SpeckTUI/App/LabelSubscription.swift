import SpeckWorkspace

/// A running watch on the labels other workstations commit; `stop()` ends it.
public protocol LabelSubscription: AnyObject, Sendable {
    func stop()
}

extension LabelWatch: LabelSubscription {}
