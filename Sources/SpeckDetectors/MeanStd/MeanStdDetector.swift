import SpeckImaging

/// The plain baseline: per-pixel mean and standard deviation of the training
/// images on the preprocessed grid. The map is the largest per-channel
/// z-score |x - mean| / (std + eps), Gaussian-smoothed; the image score is the
/// map's maximum. It knows nothing of texture or shape, which is the point:
/// it is the yardstick the other detectors must beat.
public final class MeanStdDetector: Detector {
    public static let kind = "meanstd"
    public static let parameterNames = ["eps", "sigma"]

    public let configuration: DetectorConfiguration
    private let eps: Float
    private let blur: GaussianBlur
    private let fitted = FittedState<Statistics>()

    struct Statistics: Sendable {
        var mean: [Float] // [3, side, side]
        var std: [Float]
    }

    public init(configuration: DetectorConfiguration) throws {
        let reader = ParameterReader(detector: Self.kind, values: configuration.parameters)
        try reader.rejectUnknown(known: Self.parameterNames)
        eps = Float(try reader.double("eps", default: 0.01, in: 1e-6 ... 1))
        blur = GaussianBlur(sigma: Float(try reader.double("sigma", default: 4, in: 0.1 ... 64)))
        // The model file records every value used, defaults included.
        var configuration = configuration
        configuration.parameters = configuration.parameters.merging(reader.recorded) { $1 }
        self.configuration = configuration
    }

    public func fit(_ images: TrainingImages, context: FitContext) throws {
        guard images.count > 0 else { throw DetectorError.noTrainingImages }
        let side = configuration.preprocessing.outputSide
        let count = 3 * side * side
        var sum = [Double](repeating: 0, count: count)
        var sumOfSquares = [Double](repeating: 0, count: count)
        for index in 0 ..< images.count {
            try context.checkCancelled()
            let image = configuration.preprocessing.apply(to: try images.image(at: index))
            for i in 0 ..< count {
                let x = Double(image.pixels[i])
                sum[i] += x
                sumOfSquares[i] += x * x
            }
            context.report("learning mean and spread", done: index + 1, total: images.count)
        }
        let n = Double(images.count)
        let mean = sum.map { Float($0 / n) }
        let std = (0 ..< count).map { i in Float(max(0, sumOfSquares[i] / n - (sum[i] / n) * (sum[i] / n)).squareRoot()) }
        fitted.set(Statistics(mean: mean, std: std))
    }

    public func score(_ image: Image) throws -> AnomalyResult {
        let statistics = try fitted.get()
        let input = configuration.preprocessing.apply(to: image)
        let plane = input.planeSize
        var map = [Float](repeating: 0, count: plane)
        for channel in 0 ..< 3 {
            let base = channel * plane
            for i in 0 ..< plane {
                let z = abs(input.pixels[base + i] - statistics.mean[base + i]) / (statistics.std[base + i] + eps)
                map[i] = max(map[i], z)
            }
        }
        let smoothed = blur.apply(map, width: input.width, height: input.height)
        return AnomalyResult(score: smoothed.max() ?? 0,
                             map: AnomalyMap(width: input.width, height: input.height, values: smoothed))
    }

    public func exportState() throws -> DetectorState {
        let statistics = try fitted.get()
        let side = configuration.preprocessing.outputSide
        return DetectorState(arrays: [
            "mean": .init(shape: [3, side, side], values: statistics.mean),
            "std": .init(shape: [3, side, side], values: statistics.std),
        ])
    }

    public static func restore(configuration: DetectorConfiguration, state: DetectorState,
                               resources: DetectorResources) throws -> MeanStdDetector {
        let detector = try MeanStdDetector(configuration: configuration)
        let side = configuration.preprocessing.outputSide
        let mean = try state.array("mean"), std = try state.array("std")
        guard mean.shape == [3, side, side], std.shape == mean.shape else {
            throw DetectorError.incompatibleModel("meanstd statistics are \(mean.shape), expected [3, \(side), \(side)]")
        }
        detector.fitted.set(Statistics(mean: mean.values, std: std.values))
        return detector
    }
}
