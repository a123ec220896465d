import SpeckLearning
import SpeckTensor

/// A fitted Deep SVDD: the input scaling shared by its networks and one or
/// more heads (network φ, centre c, radius², scale). A row's score is the
/// paper's, ‖φ(x) − c‖² (minus R² for soft-boundary), divided by the head's
/// scale and averaged over the heads.
struct SVDDModel: @unchecked Sendable {
    let scaling: InputScaling
    let heads: [SVDDHead]
    let objective: SVDDObjective

    /// One score per row of raw (unscaled) inputs.
    func scores(_ rows: PatchMatrix) -> [Float] {
        let scaled = scaling.apply(rows)
        var sum = [Float](repeating: 0, count: rows.rows)
        for head in heads {
            for (row, score) in head.scores(scaled, objective: objective).enumerated() { sum[row] += score }
        }
        let count = Float(heads.count)
        return sum.map { $0 / count }
    }

    var inputLength: Int { heads[0].network.inputLength }

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

    /// The learned numbers for the model file: each network's tensors under
    /// their own names, the rest under "svdd." (the heads after the first
    /// under "headN.").
    var state: DetectorState {
        var state = DetectorState(arrays: [
            "svdd.input_mean": .init(shape: [scaling.mean.count], values: scaling.mean),
            "svdd.input_std": .init(shape: [scaling.std.count], values: scaling.std),
        ])
        for (index, head) in heads.enumerated() { head.store(in: &state, index: index) }
        return state
    }

    /// Rebuilds a model from a model file into `networks` (one per head, built
    /// with the configured shapes and prefixes), refusing missing, misshapen or
    /// non-finite tensors.
    init(state: DetectorState, networks: [any SVDDNetwork], objective: SVDDObjective, spatial: Int) throws {
        let mean = try state.array("svdd.input_mean"), std = try state.array("svdd.input_std")
        guard mean.values.count * spatial == networks[0].inputLength, std.values.count == mean.values.count else {
            throw DetectorError.incompatibleModel("Deep SVDD input scaling does not fit the network")
        }
        guard (mean.values + std.values).allSatisfy(\.isFinite) else {
            throw DetectorError.incompatibleModel("Deep SVDD input scaling holds NaN or infinite values")
        }
        let heads = try networks.enumerated().map { index, network in
            try SVDDHead(state: state, index: index, network: network, heads: networks.count)
        }
        self.init(scaling: InputScaling(mean: mean.values, std: std.values, spatial: spatial), heads: heads, objective: objective)
    }

    init(scaling: InputScaling, heads: [SVDDHead], objective: SVDDObjective) {
        self.scaling = scaling
        self.heads = heads
        self.objective = objective
    }
}
