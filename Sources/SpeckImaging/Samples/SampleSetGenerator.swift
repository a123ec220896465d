import Foundation

/// Writes the demo dataset (`speck make-samples`): photographs of a machined aluminium
/// plate in the MVTec AD layout, 256 x 256 8-bit grey PNG, with pixel masks. The same
/// seed always gives the same files.
public struct SampleSetGenerator: Sendable {
    public var seed: UInt64
    public var trainGood: Int
    public var testGood: Int
    /// Defective test images per kind (scratch, stain, dent, missing_hole).
    public var defectsPerKind: [String: Int]

    public static let defaultSeed: UInt64 = 20_261_127

    public init(seed: UInt64 = defaultSeed, trainGood: Int = 60, testGood: Int = 16,
                defectsPerKind: [String: Int] = ["scratch": 6, "stain": 6, "dent": 6, "missing_hole": 5]) {
        self.seed = seed
        self.trainGood = trainGood
        self.testGood = testGood
        self.defectsPerKind = defectsPerKind
    }

    public static var defectKinds: [String] { SampleDefect.kinds }

    /// One planned file: where it goes and how to draw it.
    public struct Item: Sendable {
        public let relativePath: String
        public let maskRelativePath: String?
        let stream: UInt64
        let index: Int
        let defectKind: String?
    }

    /// Every file of the set, in a fixed order.
    public var items: [Item] {
        var items: [Item] = []
        for i in 0..<trainGood {
            items.append(Item(relativePath: String(format: "train/good/%03d.png", i), maskRelativePath: nil, stream: 1, index: i, defectKind: nil))
        }
        for i in 0..<testGood {
            items.append(Item(relativePath: String(format: "test/good/%03d.png", i), maskRelativePath: nil, stream: 2, index: i, defectKind: nil))
        }
        for (kindIndex, kind) in SampleDefect.kinds.enumerated() {
            for i in 0..<(defectsPerKind[kind] ?? 0) {
                items.append(Item(relativePath: String(format: "test/\(kind)/%03d.png", i),
                                  maskRelativePath: String(format: "ground_truth/\(kind)/%03d_mask.png", i),
                                  stream: 3 + UInt64(kindIndex), index: i, defectKind: kind))
            }
        }
        return items
    }

    /// The image and mask of one item (deterministic: depends only on the seed and the item).
    public func render(_ item: Item) -> (image: Image, mask: Image?) {
        let (scene, defect) = plan(item)
        return scene.render(defect: defect)
    }

    /// The scene and defect of one item, drawn from the item's own random stream.
    func plan(_ item: Item) -> (scene: PlateScene, defect: SampleDefect?) {
        var random = SampleRandom(seed: seed, purpose: item.stream, index: item.index)
        let scene = PlateScene(random: &random)
        return (scene, item.defectKind.map { SampleDefect.random(kind: $0, using: &random) })
    }

    /// A photo-like colour image for benchmarks: a defect-free plate rendered at
    /// `size` x `size`, slightly tinted, with independent sensor noise per channel.
    public func benchmarkImage(size: Int) -> Image {
        var random = SampleRandom(seed: seed, purpose: 99, index: 0)
        let grey = PlateScene(random: &random).render(defect: nil, size: size).image
        let tint: [Float] = [1.03, 1.0, 0.95]
        var pixels = [Float](repeating: 0, count: 3 * grey.planeSize)
        for c in 0..<3 {
            for i in 0..<grey.planeSize {
                let noisy = grey.pixels[i] * tint[c] + Float(0.006 * random.gaussian())
                pixels[c * grey.planeSize + i] = min(max(noisy, 0), 1)
            }
        }
        return Image(width: size, height: size, channels: 3, pixels: pixels)
    }

    /// Renders and writes every item under `folder` (created if needed), on all cores.
    /// Returns the number of files written.
    @discardableResult
    public func write(to folder: String) throws -> Int {
        let items = self.items
        var folders = Set(items.map { ($0.relativePath as NSString).deletingLastPathComponent })
        folders.formUnion(items.compactMap { $0.maskRelativePath.map { ($0 as NSString).deletingLastPathComponent } })
        for relative in folders.sorted() {
            try FileManager.default.createDirectory(atPath: folder + "/" + relative, withIntermediateDirectories: true)
        }
        let failures = FailureSlot()
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let item = items[index]
            let rendered = render(item)
            do {
                try ImageIO.writePNG(rendered.image, to: folder + "/" + item.relativePath)
                if let mask = rendered.mask, let maskPath = item.maskRelativePath {
                    try ImageIO.writePNG(mask, to: folder + "/" + maskPath)
                }
            } catch {
                failures.record(error)
            }
        }
        if let error = failures.first { throw error }
        return items.count + items.filter { $0.maskRelativePath != nil }.count
    }
}

/// The first error raised by concurrent workers.
private final class FailureSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?

    func record(_ error: any Error) { lock.withLock { if self.error == nil { self.error = error } } }
    var first: (any Error)? { lock.withLock { error } }
}
