import Foundation

/// What `speck info` reports about a dataset: image counts per split and label, masks,
/// image sizes, and every file that cannot be decoded with its reason. Every image and
/// mask is fully decoded (a truncated file is only found that way), on all cores.
public struct DatasetSummary: Sendable {
    public struct Group: Sendable, Equatable {
        public let split: DatasetSplit
        public let label: String?
        public var images = 0
        public var masks = 0
    }

    public let dataset: Dataset
    /// Groups in order of split (train, test, none) then label.
    public let groups: [Group]
    /// "256x256 RGB" → count, over images that decoded.
    public let sizes: [String: Int]
    public let masksFound: Int
    /// Defective (non-"good") labelled test images without a mask.
    public let defectiveWithoutMask: Int
    /// Files (images or masks) that failed to decode, in path order.
    public let badFiles: [ImageError]

    public init(dataset: Dataset, maxPixels: Int = ImageIO.defaultMaxPixels) {
        self.dataset = dataset
        var groups: [String: Group] = [:]
        for sample in dataset.samples {
            let key = "\(sample.split)/\(sample.label ?? "")"
            var group = groups[key] ?? Group(split: sample.split, label: sample.label)
            group.images += 1
            if sample.maskPath != nil { group.masks += 1 }
            groups[key] = group
        }
        let splitOrder: [DatasetSplit: Int] = [.train: 0, .test: 1, .none: 2]
        self.groups = groups.values.sorted {
            (splitOrder[$0.split]!, $0.label ?? "") < (splitOrder[$1.split]!, $1.label ?? "")
        }
        masksFound = dataset.samples.filter { $0.maskPath != nil }.count
        defectiveWithoutMask = dataset.samples.filter { $0.isNormal == false && $0.split != .train && $0.maskPath == nil }.count

        let images = dataset.samples.map(\.path)
        let masks = dataset.samples.compactMap(\.maskPath)
        let outcomes = Self.decodeAll(images + masks, maxPixels: maxPixels)
        var sizes: [String: Int] = [:]
        var bad: [ImageError] = []
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .success(let size): if index < images.count { sizes[size, default: 0] += 1 }
            case .failure(let error): bad.append(error)
            }
        }
        self.sizes = sizes
        badFiles = bad.sorted { $0.path < $1.path }
    }

    /// Decodes every path (on all cores) and describes each image's size and colour.
    private static func decodeAll(_ paths: [String], maxPixels: Int) -> [Result<String, ImageError>] {
        let results = ResultSlots<Result<String, ImageError>>(count: paths.count, initial: .success(""))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            do {
                let image = try ImageIO.decode(contentsOf: paths[index], maxPixels: maxPixels)
                results[index] = .success("\(image.width)x\(image.height) \(image.channels == 1 ? "grey" : "RGB")")
            } catch let error as ImageError {
                results[index] = .failure(error)
            } catch {
                results[index] = .failure(ImageError(path: paths[index], reason: "\(error)"))
            }
        }
        return results.values
    }
}

/// Fixed slots written by concurrent workers, each index by exactly one worker.
private final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value]
    private let lock = NSLock()

    init(count: Int, initial: Value) { storage = Array(repeating: initial, count: count) }

    subscript(index: Int) -> Value {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value] { lock.withLock { storage } }
}
