import Foundation

/// The running background job as the status bar shows it.
public struct JobStatus: Sendable, Equatable {
    public var title: String
    public var stage: String
    public var done: Int
    public var total: Int
    /// What changes within the stage (the loss while a network trains).
    public var detail: String?
    public var startedAt: Date
    /// When the current stage started (ETA is per stage: stages run at different speeds).
    public var stageStartedAt: Date

    public init(title: String, startedAt: Date = Date()) {
        self.title = title
        stage = "starting"
        done = 0
        total = 0
        self.startedAt = startedAt
        stageStartedAt = startedAt
    }

    public var fraction: Double { total > 0 ? min(1, Double(done) / Double(total)) : 0 }

    /// Seconds left in the current stage, from its rate so far.
    public func eta(now: Date = Date()) -> Double? {
        guard done > 0, total > done else { return nil }
        let elapsed = now.timeIntervalSince(stageStartedAt)
        return elapsed / Double(done) * Double(total - done)
    }
}
