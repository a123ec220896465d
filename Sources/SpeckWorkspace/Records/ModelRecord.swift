import Foundation
import GRDB

/// A fitted model version kept in the workspace: its file under `models/`,
/// how it was made and which model it was retrained from.
public struct ModelRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "model"

    public var id: Int64?
    /// Short name used on the command line ("m1", "m2", ...), unique.
    public var name: String
    public var detector: String
    public var backbone: String?
    /// Detector parameters and preprocessing, as JSON.
    public var parameters: String
    public var trainingImageCount: Int
    public var fitSeconds: Double
    /// File name under the workspace's `models/` folder.
    public var file: String
    public var createdAt: Date
    /// The model this one was retrained from.
    public var parentId: Int64?

    public init(id: Int64? = nil, name: String, detector: String, backbone: String?, parameters: String,
                trainingImageCount: Int, fitSeconds: Double, file: String, createdAt: Date = Date(),
                parentId: Int64? = nil) {
        self.id = id
        self.name = name
        self.detector = detector
        self.backbone = backbone
        self.parameters = parameters
        self.trainingImageCount = trainingImageCount
        self.fitSeconds = fitSeconds
        self.file = file
        self.createdAt = createdAt
        self.parentId = parentId
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
    }
}

/// Which images a model was fitted on: the exact training set, kept so a
/// retrain can be explained and repeated.
struct ModelTrainingImage: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "modelTrainingImage"
    var modelId: Int64
    var imageId: Int64
}
