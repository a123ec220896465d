import Foundation
import GRDB

/// A decision threshold chosen for a model; the newest one of a model is in use.
public struct ThresholdRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "threshold"

    public var id: Int64?
    public var modelId: Int64
    /// On raw scores: score >= value means anomalous.
    public var value: Double
    public var method: ThresholdMethod
    /// The target it was chosen for, spelt as `speck train --threshold` reads it ("recall=1"), if any.
    public var target: String?
    /// Free words on how it was chosen ("99% quantile of 20 held-out normal images").
    public var detail: String?
    public var createdAt: Date

    public init(id: Int64? = nil, modelId: Int64, value: Double, method: ThresholdMethod, target: String? = nil,
                detail: String? = nil, createdAt: Date = Date()) {
        self.id = id
        self.modelId = modelId
        self.value = value
        self.method = method
        self.target = target
        self.detail = detail
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public enum ThresholdMethod: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// F1-optimal on images whose truth is known.
    case autoF1 = "auto-f1"
    /// A high quantile of the scores of normal images.
    case normalQuantile = "normal-quantile"
    /// Set by hand (keyboard or CLI).
    case manual
    /// The highest threshold that finds a target share of the labelled defects.
    case targetRecall = "target-recall"
    /// The lowest threshold within a target false-positive rate.
    case targetFalsePositiveRate = "target-fpr"
    /// The lowest threshold that keeps a target precision.
    case targetPrecision = "target-precision"
}
