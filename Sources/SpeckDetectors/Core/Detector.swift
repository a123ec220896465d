import Foundation
import SpeckImaging

/// What every detector in Speck is: learn "normal" from defect-free images,
/// then give any image a score and a per-pixel anomaly map. The workstation
/// and the CLI know detectors only through this protocol.
public protocol Detector: AnyObject, Sendable {
    /// Stable identifier used in model files and on the command line ("patchcore").
    static var kind: String { get }

    /// Everything needed to rebuild this detector: written into model files.
    var configuration: DetectorConfiguration { get }

    /// Learns normality from `images` (already decoded, any size; the detector
    /// applies `configuration.preprocessing` itself). Reports progress and stops
    /// early with `DetectorError.cancelled` when `context.isCancelled` turns true.
    func fit(_ images: TrainingImages, context: FitContext) throws

    /// Scores one image. The map is on the preprocessed grid
    /// (`configuration.preprocessing.outputSize(width:height:)`), or over the
    /// whole original image when tiled or padded (`WholeImageDetector`), higher = more anomalous;
    /// a detector that only scores whole images returns no map.
    func score(_ image: Image) throws -> AnomalyResult

    /// The learned state, as named Float arrays plus small parameters, for the model file.
    func exportState() throws -> DetectorState

    /// Rebuilds a fitted detector from a model file's contents.
    static func restore(configuration: DetectorConfiguration, state: DetectorState,
                        resources: DetectorResources) throws -> Self
}

/// The training set, pulled lazily so that large sets need not sit in memory
/// as decoded images. `count` is known up front for progress reporting.
public struct TrainingImages: Sendable {
    public let count: Int
    private let loader: @Sendable (Int) throws -> Image
    /// Where the images came from, when they are files: kept by detectors that
    /// can show which training image a stored patch came from.
    public var paths: [String]?
    /// Images handed to the detector per path: the tile count when tiled, else 1.
    public var samplesPerPath = 1

    public init(count: Int, paths: [String]? = nil, loader: @escaping @Sendable (Int) throws -> Image) {
        precondition(paths == nil || paths!.count == count, "one path per training image")
        self.count = count
        self.paths = paths
        self.loader = loader
    }

    public init(_ images: [Image]) {
        self.init(count: images.count) { images[$0] }
    }

    public func image(at index: Int) throws -> Image { try loader(index) }
}

/// Progress and cancellation for long fits. Thread-safe.
public final class FitContext: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private let onProgress: @Sendable (FitProgress) -> Void
    private let onMessage: @Sendable (String) -> Void

    public init(onProgress: @escaping @Sendable (FitProgress) -> Void = { _ in },
                onMessage: @escaping @Sendable (String) -> Void = { _ in }) {
        self.onProgress = onProgress
        self.onMessage = onMessage
    }

    public var isCancelled: Bool { lock.withLock { cancelled } }
    public func cancel() { lock.withLock { cancelled = true } }

    /// Throws `DetectorError.cancelled` once cancellation was asked for.
    public func checkCancelled() throws {
        if isCancelled { throw DetectorError.cancelled }
    }

    /// `detail` is what changes within a stage and is worth showing ("epoch 3/20 · loss 0.0123").
    public func report(_ stage: String, done: Int, total: Int, detail: String? = nil) {
        onProgress(FitProgress(stage: stage, done: done, total: total, detail: detail))
    }

    /// A note for the user, e.g. "coreset fraction lowered to 4% to stay under 512 MB".
    public func tell(_ message: String) { onMessage(message) }
}

public struct FitProgress: Sendable, Equatable {
    public var stage: String
    public var done: Int
    public var total: Int
    public var detail: String? = nil
    public var fraction: Double { total > 0 ? Double(done) / Double(total) : 0 }
}

/// One scored image: the image-level score and the anomaly map.
public struct AnomalyResult: Sendable {
    public var score: Float
    /// nil when the detector scores whole images only (Deep SVDD on pixels):
    /// pixel figures are then "n/a" and the workstation paints no heat,
    /// rather than showing a map that means nothing.
    public var map: AnomalyMap?

    public init(score: Float, map: AnomalyMap?) {
        self.score = score
        self.map = map
    }
}

/// A single-channel Float32 map, row-major.
public struct AnomalyMap: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var values: [Float]

    public init(width: Int, height: Int, values: [Float]) {
        precondition(values.count == width * height, "map size does not match")
        self.width = width
        self.height = height
        self.values = values
    }
}

/// Things a restored detector may need that are not in the model file:
/// where the backbone weights live.
public struct DetectorResources: Sendable {
    public var weightsPath: String?
    public init(weightsPath: String? = nil) { self.weightsPath = weightsPath }
}

public enum DetectorError: Error, CustomStringConvertible, Equatable {
    case cancelled
    case noTrainingImages
    case invalidParameter(String)
    case notFitted
    case incompatibleModel(String)

    public var description: String {
        switch self {
        case .cancelled: return "fit cancelled"
        case .noTrainingImages: return "no training images: a detector needs at least one defect-free image to learn from"
        case .invalidParameter(let why): return "invalid parameter: \(why)"
        case .notFitted: return "the detector has not been fitted"
        case .incompatibleModel(let why): return "model does not fit this detector: \(why)"
        }
    }
}
