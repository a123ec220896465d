/// One image in the labelling queue as the workstation gets it: its entry and why it is there.
public struct QueuedEntry: Sendable, Equatable {
    public var entryId: Int
    public var reason: String

    public init(entryId: Int, reason: String) {
        self.entryId = entryId
        self.reason = reason
    }
}
