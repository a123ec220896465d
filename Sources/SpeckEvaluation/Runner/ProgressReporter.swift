/// Where long steps report progress ("scoring", 12, 83); thread-safe callers only.
public typealias ProgressReporter = @Sendable (_ stage: String, _ done: Int, _ total: Int) -> Void
