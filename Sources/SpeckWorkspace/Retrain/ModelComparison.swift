import Foundation
import SpeckDetectors

/// Two model versions side by side on the images whose truth is known:
/// the labelled images, and the test images neither model learned from.
public struct ModelComparison: Sendable {
    public struct Side: Sendable {
        public var model: ModelRecord
        public var threshold: ThresholdRecord?
        public var scores: [Int64: ScoreRecord]
        public var trainingImageIds: Set<Int64>
    }

    /// One image with both models' scores.
    public struct Row: Sendable {
        public var image: KnownImage
        public var anomalous: Bool
        public var a: ScoreRecord?
        public var b: ScoreRecord?
    }

    /// A group of images and each model's counts on it.
    public struct Group: Sendable {
        public var title: String
        public var rows: [Row]

        public func outcomes(_ side: KeyPath<Row, ScoreRecord?>) -> [(score: Float, anomalous: Bool)] {
            rows.compactMap { row in row[keyPath: side].map { (Float($0.raw), row.anomalous) } }
        }

        public func confusion(_ side: KeyPath<Row, ScoreRecord?>, threshold: ThresholdRecord?) -> ConfusionAtThreshold? {
            threshold.map { ConfusionAtThreshold(outcomes(side), threshold: Float($0.value)) }
        }
    }

    public var a: Side
    public var b: Side
    public var labelled: Group
    public var heldOutTest: Group

    /// Compares `first` and `second`, scoring (and storing) any image of the
    /// groups a model has no score for yet, with `restore` giving its detector.
    public static func compare(_ first: ModelRecord, _ second: ModelRecord, in workspace: Workspace,
                               restore: (ModelRecord) throws -> any Detector) throws -> ModelComparison {
        let (images, dataset) = try workspace.knownImages()
        let testPaths = RetrainPlan.testPaths(in: dataset)
        var sides: [Side] = []
        for model in [first, second] {
            let trained = try workspace.trainingImageIds(of: model.id!)
            var scores = try workspace.scores(modelId: model.id!)
            let wanted = images.filter { image in
                image.isAnomalous != nil && scores[image.record.id!] == nil
                    && ((image.label != nil && image.label != .cleared) || testPaths.contains(image.sample.relativePath))
            }
            if !wanted.isEmpty {
                let file = try workspace.modelFile(of: model)
                let detector = try restore(model)
                let result = workspace.score(wanted, with: detector)
                try workspace.store(result.scored, skipped: result.skipped, of: wanted, calibration: file.calibration,
                                    modelId: model.id!, seconds: result.seconds)
                scores = try workspace.scores(modelId: model.id!)
            }
            sides.append(Side(model: model, threshold: try workspace.currentThreshold(modelId: model.id!),
                              scores: scores, trainingImageIds: trained))
        }
        let (a, b) = (sides[0], sides[1])
        func row(_ image: KnownImage) -> Row {
            Row(image: image, anomalous: image.isAnomalous!, a: a.scores[image.record.id!], b: b.scores[image.record.id!])
        }
        let labelled = images.filter { $0.label == .normal || $0.label == .anomalous }.map(row)
        let untrained = images.filter { image in
            let id = image.record.id!
            return testPaths.contains(image.sample.relativePath) && image.isAnomalous != nil
                && !a.trainingImageIds.contains(id) && !b.trainingImageIds.contains(id)
        }.map(row)
        return ModelComparison(a: a, b: b,
                               labelled: Group(title: "labelled images", rows: labelled),
                               heldOutTest: Group(title: "test images neither model learned from", rows: untrained))
    }
}
