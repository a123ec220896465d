import SpeckDetectors
import SpeckImaging
import SpeckTensor

/// Scores many images with one fitted detector, several at a time (the
/// detectors are thread-safe), loading masks on the same grid as the maps.
/// Unreadable images or masks are skipped and listed.
public struct BatchScorer: Sendable {
    public let detector: any Detector
    public let workers: Int
    /// Set when scores are stored for the workstation and the detector keeps normal patches:
    /// each image's nearest patches are recorded too, so its evidence needs no backbone pass.
    let evidence: EvidenceFinder?

    public init(detector: any Detector, workers: Int = 2, recordingNearestPatches: Bool = false) {
        self.detector = detector
        self.workers = workers
        self.evidence = recordingNearestPatches ? try? EvidenceFinder(detector: detector) : nil
    }

    public func score(_ samples: [DatasetSample], progress: ProgressReporter? = nil) -> (scored: [ScoredSample], skipped: [ImageError]) {
        let results = SlotArray<Result<ScoredSample, ImageError>>(count: samples.count)
        let detector = self.detector, evidence = self.evidence
        let preprocessing = detector.configuration.preprocessing
        let total = samples.count
        ParallelWork.forEach(total, workers: workers, progress: { progress?("scoring", $0, total) }) { i in
            let sample = samples[i]
            let image: Image
            do {
                image = try ImageIO.decode(contentsOf: sample.path)
            } catch {
                results[i] = .failure(ImageError(path: sample.path, reason: TrainingSet.reason(error)))
                return
            }
            do {
                // The same score and map either way, bit for bit.
                let prepared = try evidence?.prepare(image)
                let result = try prepared?.result ?? detector.score(image)
                let nearest = try prepared.map { try evidence!.record(of: $0) }
                var mask: [Bool]?
                if let map = result.map, let maskPath = sample.maskPath {
                    do {
                        mask = preprocessing.maskOnMap(try ImageIO.decode(contentsOf: maskPath), width: map.width, height: map.height)
                    } catch {
                        results[i] = .failure(ImageError(path: maskPath, reason: "mask: " + TrainingSet.reason(error)))
                        return
                    }
                    if mask!.count != map.values.count {
                        results[i] = .failure(ImageError(path: maskPath, reason: "mask grid does not match the anomaly map"))
                        return
                    }
                } else if let map = result.map, sample.isNormal == true {
                    mask = [Bool](repeating: false, count: map.values.count)
                }
                results[i] = .success(ScoredSample(sample: sample, score: result.score, map: result.map, mask: mask,
                                                   nearestPatches: nearest))
            } catch {
                results[i] = .failure(ImageError(path: sample.path, reason: "scoring failed: \(error)"))
            }
        }
        var scored: [ScoredSample] = []
        var skipped: [ImageError] = []
        for result in results.values {
            switch result! {
            case .success(let sample): scored.append(sample)
            case .failure(let file): skipped.append(file)
            }
        }
        return (scored, skipped)
    }
}

