import Foundation
import SpeckDetectors
import SpeckImaging
import SpeckTensor

/// Decodes the training images once, leaving out (and listing) files that
/// cannot be read, and hands them to a detector as `TrainingImages`. Decoded
/// images stay in memory up to `memoryBudget` bytes; beyond that the rest are
/// decoded again when the detector asks for them.
public struct TrainingSet: Sendable {
    public let images: TrainingImages
    public let skipped: [ImageError]
    /// Readable images in order: decoded while within the memory budget, else nil.
    private let entries: [(path: String, image: Image?)]

    public static let memoryBudget = 1 << 30

    public init(samples: [DatasetSample], workers: Int = 2, progress: ProgressReporter? = nil) {
        let total = samples.count
        // Images past the budget are dropped as soon as they are decoded (a
        // large set is never held whole); which ones are kept does not matter.
        let decoded = SlotArray<Result<Image?, Error>>(count: total)
        let allowance = MemoryAllowance(bytes: Self.memoryBudget)
        ParallelWork.forEach(total, workers: workers, progress: { progress?("reading training images", $0, total) }) { i in
            decoded[i] = Result {
                let image = try ImageIO.decode(contentsOf: samples[i].path)
                return allowance.take(image.pixels.count * 4) ? image : nil
            }
        }
        var kept: [(path: String, image: Image?)] = []
        var skipped: [ImageError] = []
        for (i, result) in decoded.values.enumerated() {
            switch result! {
            case .success(let image):
                kept.append((samples[i].path, image))
            case .failure(let error):
                skipped.append(ImageError(path: samples[i].path, reason: Self.reason(error)))
            }
        }
        self.init(entries: kept, skipped: skipped)
    }

    private init(entries: [(path: String, image: Image?)], skipped: [ImageError]) {
        // Absolute paths: a model's evidence reads its training images from wherever it is used.
        let absolute = entries.map { URL(fileURLWithPath: $0.path).standardizedFileURL.path }
        images = TrainingImages(count: entries.count, paths: absolute) { index in
            if let image = entries[index].image { return image }
            return try ImageIO.decode(contentsOf: entries[index].path)
        }
        self.entries = entries
        self.skipped = skipped
    }

    /// Paths of the readable images, in order.
    public var paths: [String] { entries.map(\.path) }

    /// The same set without the images at `heldOut` (held out to be scored
    /// instead of learned from); the skipped files stay listed here.
    public func removing(_ heldOut: Set<String>) -> TrainingSet {
        TrainingSet(entries: entries.filter { !heldOut.contains($0.path) }, skipped: skipped)
    }

    /// The reason part of a decoding error (ImageError already names the file).
    static func reason(_ error: Error) -> String {
        if let error = error as? ImageError { return error.reason }
        return "\(error)"
    }
}
