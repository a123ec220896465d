import Foundation
import SpeckImaging

/// The tiles of a training set as training images for the wrapped detector.
/// Images are pulled one at a time and decoded once for all their tiles (the
/// two most recent are kept, one per fitting thread), so the set is never
/// held whole at full size. Every image must have the first one's size, so
/// that all share one tile layout.
enum TileTrainingImages {
    static func make(_ images: TrainingImages, tiling: Tiling) throws -> TrainingImages {
        guard images.count > 0 else { throw DetectorError.noTrainingImages }
        let first = try images.image(at: 0)
        let layout = tiling.layout(width: first.width, height: first.height)
        let rects = layout.rects
        let recent = RecentImages(images, keeping: 2, first: first)
        var tiles = TrainingImages(count: images.count * rects.count) { index in
            let (imageIndex, tileIndex) = index.quotientAndRemainder(dividingBy: rects.count)
            let image = try recent.image(at: imageIndex)
            guard image.width == layout.width, image.height == layout.height else {
                throw DetectorError.invalidParameter("training image \(imageIndex + 1) is \(image.width)x\(image.height), the first is "
                                                     + "\(layout.width)x\(layout.height): tiled training needs images of one size")
            }
            let rect = rects[tileIndex]
            return image.cropped(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        }
        // Tile i of image n is sample n * tiles + i: a stored patch traces back to its image.
        tiles.paths = images.paths
        tiles.samplesPerPath = images.samplesPerPath * rects.count
        return tiles
    }

    /// The last few images pulled, so the tiles of one image share one decode.
    private final class RecentImages: @unchecked Sendable {
        private let lock = NSLock()
        private let images: TrainingImages
        private let capacity: Int
        private var kept: [(index: Int, image: Image)]

        init(_ images: TrainingImages, keeping capacity: Int, first: Image) {
            self.images = images
            self.capacity = capacity
            kept = [(0, first)]
        }

        /// Decodes under the lock: two threads asking for one image decode it once.
        func image(at index: Int) throws -> Image {
            try lock.withLock {
                if let hit = kept.first(where: { $0.index == index }) { return hit.image }
                let image = try images.image(at: index)
                kept.append((index, image))
                if kept.count > capacity { kept.removeFirst() }
                return image
            }
        }
    }
}
