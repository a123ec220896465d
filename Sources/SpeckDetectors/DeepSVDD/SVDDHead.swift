import SpeckLearning
import SpeckTensor

/// One trained Deep SVDD network of an ensemble: φ, its centre c, (soft-boundary)
/// its radius², and the divisor that puts its scores on the others' scale.
struct SVDDHead: @unchecked Sendable {
    let network: any SVDDNetwork
    let centre: [Float]
    let radiusSquared: Float
    /// The head's mean squared distance over the training inputs (1 for a lone
    /// head): each network's distances have their own scale, set by its random
    /// start, and dividing by it lets every head weigh the same in the mean.
    let scale: Float

    /// Tensor and value names of head `index`: the first keeps the names a
    /// one-network model file always had, the others start with "headN.".
    static func prefix(_ index: Int) -> String { EnsembleMembers.prefix(index) }

    /// Each row's score by `objective`, divided by `scale`; rows already scaled.
    func scores(_ scaledRows: PatchMatrix, objective: SVDDObjective) -> [Float] {
        SVDDModel.squaredDistances(network.embedAll(scaledRows), to: centre).map {
            objective.score(distance: $0, radiusSquared: radiusSquared) / scale
        }
    }

    func store(in state: inout DetectorState, index: Int) {
        let prefix = Self.prefix(index)
        state.arrays[prefix + "svdd.centre"] = .init(shape: [centre.count], values: centre)
        state.scalars[prefix + "svdd.radius_squared"] = Double(radiusSquared)
        state.scalars[prefix + "svdd.scale"] = Double(scale)
        state.store([network])
    }

    /// Head `index` from a model file into `network` (built with its prefix), refusing
    /// missing, misshapen or non-finite values. Files written before ensembles hold
    /// one head without a scale: it is 1, as it was.
    init(state: DetectorState, index: Int, network: any SVDDNetwork, heads: Int) throws {
        let prefix = Self.prefix(index)
        let centre = try state.array(prefix + "svdd.centre")
        guard centre.values.count == network.outputs else {
            throw DetectorError.incompatibleModel("Deep SVDD '\(prefix)svdd.centre' has \(centre.values.count) values, the network \(network.outputs) outputs")
        }
        let scale = heads == 1 && state.scalars[prefix + "svdd.scale"] == nil ? 1 : try state.scalar(prefix + "svdd.scale")
        let radiusSquared = try state.scalar(prefix + "svdd.radius_squared")
        guard centre.values.allSatisfy(\.isFinite), scale.isFinite, scale > 0, radiusSquared.isFinite else {
            throw DetectorError.incompatibleModel("Deep SVDD head \(index + 1): centre, radius or scale is not finite (or the scale not positive)")
        }
        try state.load(into: [network])
        self.init(network: network, centre: centre.values, radiusSquared: Float(radiusSquared), scale: Float(scale))
    }

    init(network: any SVDDNetwork, centre: [Float], radiusSquared: Float, scale: Float) {
        self.network = network
        self.centre = centre
        self.radiusSquared = radiusSquared
        self.scale = scale
    }
}
