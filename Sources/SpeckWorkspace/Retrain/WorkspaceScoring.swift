import Foundation
import SpeckDetectors
import SpeckEvaluation
import SpeckImaging

extension Workspace {
    /// Scores `images` with a fitted detector (two at a time), truth taken
    /// from labels first. Nothing is stored yet: see `store(_:of:...)`.
    public func score(_ images: [KnownImage], with detector: any Detector,
                      progress: ProgressReporter? = nil) -> (scored: [ScoredSample], skipped: [ImageError], seconds: Double) {
        let start = Date()
        let scorer = BatchScorer(detector: detector, recordingNearestPatches: true)
        let (scored, skipped) = scorer.score(images.map(\.sampleWithTruth), progress: progress)
        return (scored, skipped, Date().timeIntervalSince(start))
    }

    /// Stores scores (raw, normalised by `calibration`, maps) for `modelId`
    /// and records the images that could not be decoded.
    public func store(_ scored: [ScoredSample], skipped: [ImageError], of images: [KnownImage],
                      calibration: ScoreCalibration?, modelId: Int64, seconds: Double) throws {
        let byPath = Dictionary(images.map { ($0.sample.path, $0.record.id!) }, uniquingKeysWith: { first, _ in first })
        let perImage = seconds / Double(max(1, scored.count))
        let results = scored.compactMap { sample -> ScoredImage? in
            guard let imageId = byPath[sample.sample.path] else { return nil }
            return ScoredImage(imageId: imageId, raw: sample.score, normalised: calibration?.normalisedScore(sample.score),
                               map: sample.map, seconds: perImage, nearestPatches: sample.nearestPatches)
        }
        try saveScores(results, modelId: modelId)
        for file in skipped where !file.reason.hasPrefix("mask") {
            if let imageId = byPath[file.path] { try recordDecode(imageId: imageId, width: nil, height: nil, error: file.reason) }
        }
    }
}
