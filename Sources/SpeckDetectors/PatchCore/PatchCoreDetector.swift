import SpeckTensor
import Foundation
import SpeckBackbones
import SpeckImaging

/// PatchCore (Roth et al., CVPR 2022): a memory bank of locally aggregated
/// mid-level patch features, thinned by a greedy k-center coreset; a test
/// patch's anomaly is its distance to the nearest bank patch.
public final class PatchCoreDetector: Detector, @unchecked Sendable {
    public static let kind = "patchcore"

    public let configuration: DetectorConfiguration
    public let parameters: PatchCoreParameters
    private let features: BackboneFeatures
    private let embedding = PatchEmbedding(localAverage: true, upsampling: .bilinear)
    private let finishing: MapFinishing
    let lock = NSLock()
    var search: NearestNeighbourSearch?
    private var fractionUsed: Double?
    /// Per bank row, the training sample and cell it came from (nil: a model file without traces).
    var bankSources: [PatchSource]?
    var origin: TrainingOrigin?

    public init(configuration: DetectorConfiguration, resources: DetectorResources) throws {
        let parameters = try PatchCoreParameters(configuration.parameters)
        var configuration = configuration
        let backbone = try BackboneFeatures.loadBackbone(for: &configuration, resources: resources)
        let taps = try BackboneFeatures.taps(from: parameters.taps, backbone: backbone, detector: Self.kind)
        // The model file records every value used, defaults and resolved taps included.
        configuration.parameters = parameters.recorded.merging(["taps": taps.joined(separator: ",")]) { $1 }
        self.configuration = configuration
        self.parameters = parameters
        self.features = BackboneFeatures(backbone: backbone, taps: taps, preprocessing: configuration.preprocessing)
        self.finishing = MapFinishing(sigma: parameters.blurSigma)
    }

    /// Patch features of one image on the finest tap's grid.
    func patchGrid(of image: Image) throws -> PatchEmbedding.Grid {
        embedding.combine(try features.maps(of: image))
    }

    public func fit(_ images: TrainingImages, context: FitContext) throws {
        let described = try TrainingPass.indexedMap(images, context: context, stage: "features") { [self] in
            try patchGrid(of: $0)
        }
        let all = PatchMatrix.stacking(described.map { $0.value.patches })
        let sources = described.flatMap {
            PatchSource.cells(ofSample: $0.index, gridWidth: $0.value.width, gridHeight: $0.value.height)
        }
        let method = parameters.coresetMethod
        let projected = parameters.projectionDims
        let wanted = max(1, Int(Double(all.rows) * parameters.coresetFraction))
        let cellRows = parameters.coresetCellRows > 0 ? parameters.coresetCellRows : nil
        let selectionBytes = method.workingBytes(rows: all.rows, dim: projected > 0 ? projected : all.dim, count: wanted,
                                                 cellRows: cellRows)
            + all.rows * projected * MemoryLayout<Float>.size
        let plan = try CoresetPlan(patches: all.rows, dim: all.dim, fraction: parameters.coresetFraction,
                                   capBytes: parameters.memoryCapBytes, workingBytes: selectionBytes)
        if let note = plan.note { context.tell(note) }
        try context.checkCancelled()

        let selectionSpace = projected > 0
            ? SparseRandomProjection(inputDim: all.dim, outputDim: projected, seed: parameters.seed &+ 1).apply(all)
            : all
        let picked = try method.select(selectionSpace, count: plan.bankRows, seed: parameters.seed, cellRows: cellRows) { done, total in
            try context.checkCancelled()
            context.report("coreset", done: done, total: total)
        }
        let bank = all.gathering(picked)
        lock.withLock {
            search = NearestNeighbourSearch(bank: bank)
            fractionUsed = plan.fraction
            bankSources = picked.map { sources[$0] }
            origin = TrainingOrigin(images)
        }
    }

    public func score(_ image: Image) throws -> AnomalyResult { try patchFeatures(of: image).result }

    /// What `score` computes, with the patch grid kept for tracing a patch to the bank.
    public func patchFeatures(of image: Image) throws -> PatchFeatures {
        guard let search = lock.withLock({ search }) else { throw DetectorError.notFitted }
        let grid = try patchGrid(of: image)
        guard grid.patches.dim == search.bank.dim else {
            throw DetectorError.incompatibleModel("memory bank has \(search.bank.dim) channels, the backbone gives \(grid.patches.dim)")
        }
        let match = search.nearest(grid.patches)
        let map = finishing.map(match.distances, height: grid.height, width: grid.width, for: image, configuration.preprocessing)
        let imageScore = parameters.imageScore.pooled(patchScores: match.distances, map: map.values)
            ?? PatchCoreScoring.reweightedScore(patchScores: match.distances, nearest: match.indices,
                                                queries: grid.patches, search: search,
                                                neighbours: parameters.neighbours)
        return PatchFeatures(grid: grid, result: AnomalyResult(score: imageScore, map: map))
    }

    public func exportState() throws -> DetectorState {
        guard let (search, fraction, sources, origin) = lock.withLock({
            search.map { ($0, fractionUsed ?? parameters.coresetFraction, bankSources, origin) }
        }) else {
            throw DetectorError.notFitted
        }
        var state = DetectorState(arrays: ["memory_bank": .init(shape: [search.bank.rows, search.bank.dim], values: search.bank.values)],
                                  scalars: ["coreset_fraction_used": fraction])
        if let sources { state.arrays[Self.sourcesName] = PatchSource.array(sources) }
        origin?.write(into: &state)
        return state
    }

    public static func restore(configuration: DetectorConfiguration, state: DetectorState,
                               resources: DetectorResources) throws -> PatchCoreDetector {
        let detector = try PatchCoreDetector(configuration: configuration, resources: resources)
        let bank = try state.array("memory_bank")
        guard bank.shape.count == 2, bank.shape[0] > 0 else {
            throw DetectorError.incompatibleModel("memory_bank must be a non-empty [rows, channels] array")
        }
        let fraction = state.scalars["coreset_fraction_used"]
        let sources = try state.arrays[sourcesName].map { try PatchSource.sources(from: $0, name: sourcesName) }
        if let sources, sources.count != bank.shape[0] {
            throw DetectorError.incompatibleModel("\(sourcesName) has \(sources.count) rows, memory_bank \(bank.shape[0])")
        }
        detector.lock.withLock {
            detector.bankSources = sources
            detector.origin = TrainingOrigin(state: state)
            detector.search = NearestNeighbourSearch(bank: PatchMatrix(rows: bank.shape[0], dim: bank.shape[1], values: bank.values))
            detector.fractionUsed = fraction
        }
        return detector
    }
}
