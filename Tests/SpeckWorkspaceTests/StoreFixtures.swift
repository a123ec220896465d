import Foundation
import SpeckDetectors
@testable import SpeckWorkspace

/// Small real records for tests that need a model or a map in the store.
enum StoreFixtures {
    /// A model file with one array and a calibration, saved through the workspace.
    static func recordModel(in workspace: Workspace, parentId: Int64? = nil, trainingImageIds: [Int64] = []) throws -> ModelRecord {
        let file = ModelFile(configuration: DetectorConfiguration(detector: "test", parameters: ["k": "1"]),
                             state: DetectorState(arrays: ["mean": .init(shape: [2], values: [0.25, 0.5])]),
                             calibration: ScoreCalibration(threshold: 1.5, thresholdMethod: "F1-optimal on 4 images",
                                                           imageMin: 0, imageMax: 3, pixelMin: 0, pixelMax: 3))
        return try workspace.saveModel(file, trainingImageIds: trainingImageIds, fitSeconds: 0.1, parentId: parentId)
    }

    static func map(side: Int) -> AnomalyMap {
        AnomalyMap(width: side, height: side, values: (0 ..< side * side).map { Float($0) / Float(side * side) })
    }
}
