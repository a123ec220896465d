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

    /// Images whose patches are extracted before they join the held patches.
    static let batchImages = 32

    public func fit(_ images: TrainingImages, context: FitContext) throws {
        var held: BoundedPatchSet?
        try TrainingPass.stream(images, context: context, stage: "features", batch: Self.batchImages) { [self] in
            try patchGrid(of: $0)
        } consume: { batch in
            if held == nil { held = try heldPatches(first: batch[0].value.patches, images: images.count, context: context) }
            for item in batch {
                let grid = item.value
                try held!.add(grid.patches, from: PatchSource.cells(ofSample: item.index, gridWidth: grid.width, gridHeight: grid.height))
            }
        }
        guard let held else { throw DetectorError.noTrainingImages }
        if held.thinnings > 0 {
            context.tell(String(format: "the %d training patches exceed memory_mb=%d: they were thinned to their coreset %d time(s) "
                                + "as they streamed in, and the memory bank is chosen among the %d kept",
                                held.seen, parameters.memoryCapBytes / 1_048_576, held.thinnings, held.rows))
        }
        let all = held.matrix
        let method = parameters.coresetMethod
        let projected = parameters.projectionDims
        let wanted = max(1, Int(Double(held.seen) * held.fraction))
        let cellRows = parameters.coresetCellRows > 0 ? parameters.coresetCellRows : nil
        let plan = try CoresetPlan(patches: held.seen, dim: all.dim, fraction: held.fraction,
                                   capBytes: parameters.memoryCapBytes,
                                   workingBytes: selectionBytes(rows: all.rows, dim: all.dim, count: wanted))
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
            bankSources = picked.map { held.sources[$0] }
            origin = TrainingOrigin(images)
        }
    }

    /// Working memory of the coreset selection among `rows` patches, the patch matrix itself excluded.
    private func selectionBytes(rows: Int, dim: Int, count: Int) -> Int {
        let projected = parameters.projectionDims
        let cellRows = parameters.coresetCellRows > 0 ? parameters.coresetCellRows : nil
        return parameters.coresetMethod.workingBytes(rows: rows, dim: projected > 0 ? projected : dim, count: count, cellRows: cellRows)
            + rows * projected * MemoryLayout<Float>.size
    }

    /// Where the training patches are held while they stream in: as many rows as
    /// fit in memory_mb beside their selection's working memory and the memory
    /// bank (with the search's augmented copy of it). When the whole set cannot
    /// fit, the bank may grow to half of what is held, and the fraction a thinning
    /// keeps is lowered (the user told) if it would otherwise crowd out the rows to come.
    private func heldPatches(first: PatchMatrix, images: Int, context: FitContext) throws -> BoundedPatchSet {
        let dim = first.dim, rowBytes = dim * MemoryLayout<Float>.size
        let bankRowBytes = (2 * dim + 2) * MemoryLayout<Float>.size
        let asked = parameters.coresetFraction
        let cap = parameters.memoryCapBytes
        let expected = images * first.rows
        let needed = { (rows: Int) -> Int in
            let bank = rows >= expected ? Int(Double(rows) * asked) : min(Int(Double(expected) * asked), rows / 2)
            return rows * rowBytes + bank * bankRowBytes + self.selectionBytes(rows: rows, dim: dim, count: max(1, bank))
        }
        var low = 0, high = cap / max(rowBytes, 1)
        while low < high {
            let middle = (low + high + 1) / 2
            if needed(middle) <= cap { low = middle } else { high = middle - 1 }
        }
        let limitRows = low
        guard limitRows >= 2 * first.rows else {
            throw DetectorError.invalidParameter(String(
                format: "memory_mb=%d is too small: it holds %d patches of %d channels with their coreset selection, fewer than two images' %d",
                cap / 1_048_576, limitRows, dim, 2 * first.rows))
        }
        var fraction = asked
        if expected > limitRows, Double(expected) * asked > Double(limitRows / 2) {
            fraction = Double(limitRows / 2) / Double(expected)
            context.tell(String(format: "coreset fraction lowered from %.3g%% to %.3g%%: the memory bank of %d training patches must stay within half of the %d patches memory_mb=%d holds",
                                asked * 100, fraction * 100, expected, limitRows, cap / 1_048_576))
        }
        let method = parameters.coresetMethod
        let projected = parameters.projectionDims
        let cellRows = parameters.coresetCellRows > 0 ? parameters.coresetCellRows : nil
        let seed = parameters.seed
        return BoundedPatchSet(dim: dim, limitRows: limitRows, fraction: fraction, expectedRows: expected) { held, count, round in
            let space = projected > 0 ? SparseRandomProjection(inputDim: dim, outputDim: projected, seed: seed &+ 1).apply(held) : held
            return try method.select(space, count: count, seed: seed &+ 2 &+ UInt64(round), cellRows: cellRows) { _, _ in
                try context.checkCancelled()
            }
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
