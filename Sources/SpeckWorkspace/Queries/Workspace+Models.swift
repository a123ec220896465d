import Foundation
import GRDB
import SpeckDetectors
import SpeckEvaluation

extension Workspace {
    public static let modelFileExtension = "speckmodel"

    /// Saves a fitted model: the file first (atomically, under `models/`), then
    /// one transaction recording the model, its exact training set and its
    /// threshold. A crash between the two leaves at most an unrecorded file,
    /// never a recorded model without a complete file.
    @discardableResult
    public func saveModel(_ model: ModelFile, trainingImageIds: [Int64], fitSeconds: Double,
                          parentId: Int64? = nil, at date: Date = Date()) throws -> ModelRecord {
        let name = try nextModelName()
        let file = "\(name).\(Self.modelFileExtension)"
        try model.write(to: location.modelURL(file: file))
        let configuration = model.configuration
        let parameters = String(decoding: try Self.parametersEncoder.encode(configuration), as: UTF8.self)
        return try database.write { db in
            var record = ModelRecord(name: name, detector: configuration.detector, backbone: configuration.backbone,
                                     parameters: parameters, trainingImageCount: trainingImageIds.count,
                                     fitSeconds: fitSeconds, file: file, createdAt: date, parentId: parentId)
            try record.insert(db)
            for imageId in Set(trainingImageIds) {
                try ModelTrainingImage(modelId: record.id!, imageId: imageId).insert(db)
            }
            if let calibration = model.calibration {
                var threshold = ThresholdRecord(modelId: record.id!, value: Double(calibration.threshold),
                                                method: ThresholdMethod(describedAs: calibration.thresholdMethod),
                                                target: ThresholdTarget(describedIn: calibration.thresholdMethod)?.description,
                                                detail: calibration.thresholdMethod, createdAt: date)
                try threshold.insert(db)
            }
            return record
        }
    }

    /// The next free short name: m1, m2, ...
    private func nextModelName() throws -> String {
        let highest = try database.read { db in
            try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'model'")
        } ?? 0
        return "m\(highest + 1)"
    }

    public func models() throws -> [ModelRecord] {
        try database.read { db in try ModelRecord.order(ModelRecord.Columns.id).fetchAll(db) }
    }

    /// A model by short name ("m3"), file name, or "latest".
    public func model(named name: String) throws -> ModelRecord {
        let all = try models()
        if name == "latest", let newest = all.last { return newest }
        if let found = all.first(where: { $0.name == name || $0.file == name }) { return found }
        throw all.isEmpty ? WorkspaceError.noModels : WorkspaceError.unknownModel(name, known: all.map(\.name))
    }

    /// Reads a recorded model's file (checksummed: a damaged file is refused).
    public func modelFile(of model: ModelRecord) throws -> ModelFile {
        try ModelFile.read(from: location.modelURL(file: model.file))
    }

    /// Ids of the images a model was fitted on.
    public func trainingImageIds(of modelId: Int64) throws -> Set<Int64> {
        try database.read { db in
            Set(try Int64.fetchAll(db, sql: "SELECT imageId FROM modelTrainingImage WHERE modelId = ?",
                                   arguments: [modelId]))
        }
    }

    private static var parametersEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
