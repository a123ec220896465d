import Foundation
import SpeckEvaluation

extension Workspace {
    /// Records a new threshold for a model; it takes effect at once (newest wins).
    @discardableResult
    public func setThreshold(modelId: Int64, value: Double, method: ThresholdMethod, target: String? = nil,
                             detail: String? = nil, at date: Date = Date()) throws -> ThresholdRecord {
        try store.insertThreshold(ThresholdRecord(modelId: modelId, value: value, method: method, target: target,
                                                  detail: detail, createdAt: date))
    }

    /// The threshold in force for a model, or nil when none was ever chosen.
    public func currentThreshold(modelId: Int64) throws -> ThresholdRecord? {
        try store.currentThreshold(modelId: modelId)
    }
}

extension ThresholdMethod {
    /// Reads the words a model file uses for how its threshold was chosen.
    public init(describedAs words: String) {
        if let target = ThresholdTarget(describedIn: words) { self.init(target: target); return }
        let lowered = words.lowercased()
        if lowered.contains("f1") { self = .autoF1 }
        else if lowered.contains("quantile") { self = .normalQuantile }
        else { self = .manual }
    }
}

extension ThresholdMethod {
    /// The method a threshold chosen for `target` is stored under.
    public init(target: ThresholdTarget) {
        switch target {
        case .recall: self = .targetRecall
        case .falsePositiveRate: self = .targetFalsePositiveRate
        case .precision: self = .targetPrecision
        case .f1: self = .autoF1
        case .quantile: self = .normalQuantile
        }
    }
}

extension ThresholdTarget {
    /// The target named by a model file's method words ("target recall=1: TP ..."), if any.
    public init?(describedIn words: String) {
        guard words.hasPrefix("target "), let spec = words.dropFirst(7).split(whereSeparator: { $0 == " " || $0 == ":" }).first,
              let target = try? ThresholdTarget(parsing: String(spec)) else { return nil }
        self = target
    }
}

extension ThresholdRecord {
    /// The target this threshold was chosen for, read back from the store.
    public var thresholdTarget: ThresholdTarget? { target.flatMap { try? ThresholdTarget(parsing: $0) } }
}
