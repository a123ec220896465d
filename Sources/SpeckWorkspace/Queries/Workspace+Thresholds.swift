import Foundation
import GRDB

extension Workspace {
    /// Records a new threshold for a model; it takes effect at once (newest wins).
    @discardableResult
    public func setThreshold(modelId: Int64, value: Double, method: ThresholdMethod, detail: String? = nil,
                             at date: Date = Date()) throws -> ThresholdRecord {
        try database.write { db in
            var record = ThresholdRecord(modelId: modelId, value: value, method: method, detail: detail, createdAt: date)
            try record.insert(db)
            return record
        }
    }

    /// The threshold in force for a model, or nil when none was ever chosen.
    public func currentThreshold(modelId: Int64) throws -> ThresholdRecord? {
        try database.read { db in
            try ThresholdRecord.fetchOne(db, sql: """
                SELECT * FROM threshold WHERE modelId = ? ORDER BY createdAt DESC, id DESC LIMIT 1
                """, arguments: [modelId])
        }
    }
}

extension ThresholdMethod {
    /// Reads the words a model file uses for how its threshold was chosen.
    public init(describedAs words: String) {
        let lowered = words.lowercased()
        if lowered.contains("f1") { self = .autoF1 }
        else if lowered.contains("quantile") { self = .normalQuantile }
        else { self = .manual }
    }
}
