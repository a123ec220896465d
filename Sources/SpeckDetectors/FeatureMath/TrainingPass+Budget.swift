import Foundation
import SpeckImaging
import SpeckTensor

extension TrainingPass {
    /// As `map`, holding at most `budgetBytes` of results. When every image's
    /// result would not fit, the step runs on a seeded random sample of the images,
    /// as many as fit, and the user is told. For the trained detectors, which learn
    /// from stored features over many epochs: good images are alike by definition,
    /// so a large sample of them teaches what the whole set would, and memory stays
    /// bounded whatever the set's size. One image's result sets the size of all.
    public static func mapWithinBudget<T: Sendable>(_ images: TrainingImages, budgetBytes: Int, seed: UInt64,
                                                    context: FitContext, stage: String,
                                                    bytes: (T) -> Int,
                                                    _ step: @escaping @Sendable (Image) throws -> T) throws -> [T] {
        guard images.count > 0 else { throw DetectorError.noTrainingImages }
        let perImage = try bytesPerResult(images, bytes: bytes, step)
        let fitting = budgetBytes / max(1, perImage)
        guard fitting < images.count else { return try map(images, context: context, stage: stage, step) }
        guard fitting >= 2 else {
            throw DetectorError.invalidParameter(String(format: "memory_mb is too small: one training image's features take %.1f MB",
                                                        Double(perImage) / 1_048_576))
        }
        context.tell(String(format: "learning from a seeded sample of %d of %d training images: the features of all would take %.0f MB, over memory_mb=%d",
                            fitting, images.count, Double(perImage) * Double(images.count) / 1_048_576, budgetBytes / 1_048_576))
        return try map(images.sample(fitting, seed: seed), context: context, stage: stage, step)
    }

    /// The size of the first result the step gives (images that fail are passed over; `map` lists them).
    private static func bytesPerResult<T>(_ images: TrainingImages, bytes: (T) -> Int,
                                          _ step: (Image) throws -> T) throws -> Int {
        var firstError: Error?
        for index in 0..<images.count {
            do { return bytes(try step(try images.image(at: index))) } catch { firstError = firstError ?? error }
        }
        throw firstError ?? DetectorError.noTrainingImages
    }
}

extension TrainingImages {
    /// `count` of the images, chosen at random by `seed`, in their original order.
    /// Paths follow when there is one per image; the tiles of a tiled set are
    /// sampled one by one, so they no longer trace back to their image.
    public func sample(_ count: Int, seed: UInt64) -> TrainingImages {
        var generator = SeededGenerator(seed: seed)
        let kept = Array(Array(0..<self.count).shuffled(using: &generator).prefix(count)).sorted()
        let keptPaths = samplesPerPath == 1 ? paths.map { paths in kept.map { paths[$0] } } : nil
        return TrainingImages(count: kept.count, paths: keptPaths) { [self] in try image(at: kept[$0]) }
    }
}
