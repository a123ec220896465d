import SpeckTensor
import SpeckImaging

/// The classical texture detector: Local Binary Patterns (Ojala et al. 2002)
/// plus local contrast and colour statistics on a dense grid of overlapping
/// cells, compared with the cells of normal images. Needs no pretrained
/// weights, so it is what Speck falls back to when they are missing.
///
/// Aligned objects (chosen automatically when cell features depend on
/// position) compare each cell with training cells at the same and the
/// neighbouring positions; textures with a coreset of cells from anywhere.
/// The map is the distance to the nearest normal cell, interpolated to the
/// image and smoothed; the image score is its maximum.
public final class LBPDetector: Detector {
    public static let kind = "lbp"
    public static let parameterNames = ["mode", "cell", "sigma", "bank", "normalise"]

    public let configuration: DetectorConfiguration
    /// Requested mode: nil = choose from the training images.
    let requestedMode: LBPLayoutMode?
    let layout: LBPCellLayout
    let blur: GaussianBlur
    /// Most texture-mode cells kept in the bank (coreset size).
    let bankLimit: Int
    /// Aligned mode: divide each position's distances by their typical normal value.
    let normalisePositions: Bool
    private let fitted = FittedState<Fitted>()

    struct Fitted: Sendable {
        var extractor: LBPFeatureExtractor
        var model: LBPNormalityModel
        var positionShare: Double
        /// Per cell position: the typical normal distance (all 1 when not normalising).
        var positionScale: [Float]
    }

    public init(configuration: DetectorConfiguration) throws {
        let reader = ParameterReader(detector: Self.kind, values: configuration.parameters)
        try reader.rejectUnknown(known: Self.parameterNames)
        let mode = try reader.choice("mode", default: "auto", among: ["auto"] + LBPLayoutMode.allCases.map(\.rawValue))
        requestedMode = LBPLayoutMode(rawValue: mode)
        let cell = try reader.int("cell", default: 16, in: 4 ... 128)
        guard cell % 2 == 0 else { throw DetectorError.invalidParameter("lbp cell=\(cell): must be even (cells overlap by half)") }
        try configuration.preprocessing.validate()
        layout = try LBPCellLayout(side: configuration.preprocessing.outputSide, block: cell / 2)
        blur = GaussianBlur(sigma: Float(try reader.double("sigma", default: 4, in: 0.1 ... 64)))
        bankLimit = try reader.int("bank", default: 4096, in: 16 ... 1_000_000)
        normalisePositions = try reader.choice("normalise", default: "position", among: ["position", "none"]) == "position"
        // The model file records every value used, defaults included.
        var configuration = configuration
        configuration.parameters = configuration.parameters.merging(reader.recorded) { $1 }
        self.configuration = configuration
    }

    /// The mode the fitted model uses, and the position share it was chosen from.
    public func fittedMode() throws -> (mode: LBPLayoutMode, positionShare: Double) {
        let fitted = try fitted.get()
        return (fitted.model.mode, fitted.positionShare)
    }

    public func fit(_ images: TrainingImages, context: FitContext) throws {
        guard images.count > 0 else { throw DetectorError.noTrainingImages }
        let preprocessing = configuration.preprocessing
        // Contrast bins come from the first few images (quantiles settle quickly).
        var firstImages: [Image] = []
        for index in 0 ..< min(images.count, 16) {
            try context.checkCancelled()
            firstImages.append(preprocessing.apply(to: try images.image(at: index)))
        }
        let extractor = LBPFeatureExtractor(layout: layout,
                                            contrastEdges: LBPFeatureExtractor.learnContrastEdges(from: firstImages))
        var features: [PatchMatrix] = []
        for index in 0 ..< images.count {
            try context.checkCancelled()
            let image = index < firstImages.count ? firstImages[index] : preprocessing.apply(to: try images.image(at: index))
            features.append(extractor.features(of: image))
            context.report("LBP features", done: index + 1, total: images.count)
        }
        firstImages = []

        let share = LBPLayoutMode.positionShare(features: features)
        let mode = requestedMode ?? (share >= LBPLayoutMode.alignedShare ? .aligned : .texture)
        if requestedMode == nil {
            context.tell(String(format: "lbp: %@ mode (%.0f%% of feature variance is explained by position)",
                                mode.rawValue, share * 100))
        }
        let scale = LBPNormalityModel.groupScales(features: features, mode: mode)
        for i in features.indices { LBPNormalityModel.weigh(&features[i], by: scale) }
        let bank = mode == .aligned ? Self.positionMajor(features) : try textureBank(features, context: context)
        let model = LBPNormalityModel(mode: mode, cellsPerSide: layout.cellsPerSide, groupScale: scale,
                                      bank: bank, imageCount: features.count)
        let positionScale = normalisePositions && mode == .aligned
            ? model.positionScales(features) : [Float](repeating: 1, count: layout.cellCount)
        fitted.set(Fitted(extractor: extractor, model: model, positionShare: share, positionScale: positionScale))
    }

    public func score(_ image: Image) throws -> AnomalyResult {
        let fitted = try fitted.get()
        var features = fitted.extractor.features(of: configuration.preprocessing.apply(to: image))
        LBPNormalityModel.weigh(&features, by: fitted.model.groupScale)
        var cells = fitted.model.distances(features)
        for i in cells.indices { cells[i] /= fitted.positionScale[i] }
        let side = layout.side
        let map = blur.apply(layout.upsampler.upsample(cells, width: side, height: side).values, width: side, height: side)
        return AnomalyResult(score: map.max() ?? 0, map: AnomalyMap(width: side, height: side, values: map))
    }

    // MARK: - Banks

    /// Rearranges per-image matrices into [position][image][dim].
    static func positionMajor(_ features: [PatchMatrix]) -> PatchMatrix {
        let positions = features[0].rows, d = features[0].dim, n = features.count
        var values = [Float](repeating: 0, count: positions * n * d)
        for (image, matrix) in features.enumerated() {
            for position in 0 ..< positions {
                let target = (position * n + image) * d, source = position * d
                for k in 0 ..< d { values[target + k] = matrix.values[source + k] }
            }
        }
        return PatchMatrix(rows: positions * n, dim: d, values: values)
    }

    /// All training cells, reduced to `bankLimit` by greedy k-center selection
    /// (on a seeded random pool, so fitting stays fast on large sets).
    private func textureBank(_ features: [PatchMatrix], context: FitContext) throws -> PatchMatrix {
        let all = PatchMatrix.stacking(features)
        guard all.rows > bankLimit else { return all }
        var generator = SeededGenerator(seed: 0x5BEC_1B9)
        let poolSize = min(all.rows, 8 * bankLimit)
        let pool = all.rows > poolSize
            ? all.gathering(Array((0 ..< all.rows).shuffled(using: &generator).prefix(poolSize)))
            : all
        context.report("LBP coreset", done: 0, total: bankLimit)
        let picks = try KCenterGreedy(points: pool).select(count: bankLimit, startIndex: 0) { done in
            try context.checkCancelled()
            context.report("LBP coreset", done: done, total: bankLimit)
        }
        return pool.gathering(picks)
    }

    // MARK: - Model file

    public func exportState() throws -> DetectorState {
        let fitted = try fitted.get()
        let model = fitted.model
        let bankShape = model.mode == .aligned
            ? [layout.cellCount, model.imageCount, model.bank.dim] : [model.bank.rows, model.bank.dim]
        return DetectorState(
            arrays: ["bank": .init(shape: bankShape, values: model.bank.values),
                     "groupScale": .init(shape: [model.groupScale.count], values: model.groupScale),
                     "contrastEdges": .init(shape: [fitted.extractor.contrastEdges.count],
                                            values: fitted.extractor.contrastEdges),
                     "positionScale": .init(shape: [fitted.positionScale.count], values: fitted.positionScale)],
            scalars: ["aligned": model.mode == .aligned ? 1 : 0, "positionShare": fitted.positionShare])
    }

    public static func restore(configuration: DetectorConfiguration, state: DetectorState,
                               resources: DetectorResources) throws -> LBPDetector {
        let detector = try LBPDetector(configuration: configuration)
        let mode: LBPLayoutMode = try state.scalar("aligned") == 1 ? .aligned : .texture
        let bank = try state.array("bank"), scale = try state.array("groupScale"), edges = try state.array("contrastEdges")
        let positionScale = try state.array("positionScale")
        let d = LBPFeatureExtractor.dimension
        let bankFits = mode == .aligned
            ? bank.shape.count == 3 && bank.shape[0] == detector.layout.cellCount && bank.shape[2] == d
            : bank.shape.count == 2 && bank.shape[1] == d
        guard bankFits, scale.shape == [LBPFeatureExtractor.groups.count],
              edges.shape == [LBPFeatureExtractor.contrastBins - 1], positionScale.shape == [detector.layout.cellCount] else {
            throw DetectorError.incompatibleModel("lbp arrays have unexpected shapes (bank \(bank.shape))")
        }
        let model = LBPNormalityModel(mode: mode, cellsPerSide: detector.layout.cellsPerSide, groupScale: scale.values,
                                      bank: PatchMatrix(rows: bank.values.count / d, dim: d, values: bank.values),
                                      imageCount: mode == .aligned ? bank.shape[1] : 0)
        detector.fitted.set(Fitted(extractor: LBPFeatureExtractor(layout: detector.layout, contrastEdges: edges.values),
                                   model: model, positionShare: try state.scalar("positionShare"),
                                   positionScale: positionScale.values))
        return detector
    }
}
