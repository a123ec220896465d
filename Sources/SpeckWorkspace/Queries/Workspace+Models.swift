import Foundation
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
        let number = try store.nextModelNumber()
        let name = "m\(number)"
        let file = "\(name).\(Self.modelFileExtension)"
        try model.write(to: location.modelURL(file: file))
        let configuration = model.configuration
        let parameters = String(decoding: try Self.parametersEncoder.encode(configuration), as: UTF8.self)
        let record = ModelRecord(id: number, name: name, detector: configuration.detector, backbone: configuration.backbone,
                                 parameters: parameters, trainingImageCount: trainingImageIds.count,
                                 fitSeconds: fitSeconds, file: file, createdAt: date, parentId: parentId)
        let threshold = model.calibration.map { calibration in
            ThresholdRecord(modelId: number, value: Double(calibration.threshold),
                            method: ThresholdMethod(describedAs: calibration.thresholdMethod),
                            target: ThresholdTarget(describedIn: calibration.thresholdMethod)?.description,
                            detail: calibration.thresholdMethod, createdAt: date)
        }
        return try store.insertModel(record, trainingImageIds: Set(trainingImageIds), threshold: threshold)
    }

    public func models() throws -> [ModelRecord] {
        try store.models()
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
        try store.trainingImageIds(of: modelId)
    }

    private static var parametersEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
