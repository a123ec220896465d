import SpeckLearning
import SpeckTensor

/// A fitted Deep SVDD: the input scaling, the network φ, the centre c and
/// (soft-boundary) the radius². Scores are the paper's: ‖φ(x) − c‖², minus R²
/// for soft-boundary.
struct SVDDModel: @unchecked Sendable {
    let scaling: InputScaling
    let network: any SVDDNetwork
    let centre: [Float]
    let radiusSquared: Float
    let objective: SVDDObjective

    /// One score per row of raw (unscaled) inputs.
    func scores(_ rows: PatchMatrix) -> [Float] {
        let embedded = network.embedAll(scaling.apply(rows))
        return Self.squaredDistances(embedded, to: centre).map { objective.score(distance: $0, radiusSquared: radiusSquared) }
    }

    static func squaredDistances(_ embedded: [Float], to centre: [Float]) -> [Float] {
        let k = centre.count
        return (0..<(embedded.count / k)).map { row in
            var d: Float = 0
            for j in 0..<k {
                let delta = embedded[row * k + j] - centre[j]
                d += delta * delta
            }
            return d
        }
    }

    /// The learned numbers for the model file: the network's tensors under
    /// their own names, the rest under "svdd.".
    var state: DetectorState {
        var state = DetectorState(arrays: [
            "svdd.centre": .init(shape: [centre.count], values: centre),
            "svdd.input_mean": .init(shape: [scaling.mean.count], values: scaling.mean),
            "svdd.input_std": .init(shape: [scaling.std.count], values: scaling.std),
        ], scalars: ["svdd.radius_squared": Double(radiusSquared)])
        state.store([network])
        return state
    }

    /// Rebuilds a model from a model file into `network` (built with the
    /// configured shape), refusing missing, misshapen or non-finite tensors.
    init(state: DetectorState, network: any SVDDNetwork, objective: SVDDObjective, spatial: Int) throws {
        let centre = try state.array("svdd.centre"), mean = try state.array("svdd.input_mean")
        let std = try state.array("svdd.input_std")
        guard centre.values.count == network.outputs, mean.values.count * spatial == network.inputLength,
              std.values.count == mean.values.count else {
            throw DetectorError.incompatibleModel("Deep SVDD centre or input scaling does not fit the network")
        }
        guard (centre.values + mean.values + std.values).allSatisfy(\.isFinite) else {
            throw DetectorError.incompatibleModel("Deep SVDD centre or input scaling holds NaN or infinite values")
        }
        try state.load(into: [network])
        self.init(scaling: InputScaling(mean: mean.values, std: std.values, spatial: spatial), network: network,
                  centre: centre.values, radiusSquared: Float(try state.scalar("svdd.radius_squared")), objective: objective)
    }

    init(scaling: InputScaling, network: any SVDDNetwork, centre: [Float], radiusSquared: Float, objective: SVDDObjective) {
        self.scaling = scaling
        self.network = network
        self.centre = centre
        self.radiusSquared = radiusSquared
        self.objective = objective
    }
}
