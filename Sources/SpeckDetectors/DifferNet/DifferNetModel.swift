import Foundation
import SpeckLearning
import SpeckTensor

/// A fitted DifferNet: one or more flows over image vectors. An image's score
/// is the mean over its turned copies of their negative log-density per
/// dimension, averaged over the flows.
struct DifferNetModel: @unchecked Sendable {
    let flows: [Flow]
    let dimension: Int
    let score: DifferNetParameters.Score

    /// The paper's flow, once per head: `blocks` couplings with fully connected
    /// subnets, soft clamp; head h from its own seed, its tensors named "headh.flow…".
    static func makeFlows(dimension: Int, parameters: DifferNetParameters) -> [Flow] {
        (0..<parameters.heads).map { head in
            Flow.glow(EnsembleMembers.prefix(head) + "flow", channels: dimension, blocks: parameters.blocks,
                      clamp: parameters.clamp, seed: EnsembleMembers.seed(base: parameters.seed, member: head)) {
                name, inputs, outputs, _, rng in
                DenseSubnet(name, inputs: inputs, hiddenWidth: parameters.hidden, outputs: outputs, rng: &rng)
            }
        }
    }

    /// The score of one image from its copies' vectors, [copies · dimension]: the mean over the flows.
    func score(_ rows: [Float]) -> Float {
        var sum: Float = 0
        for flow in flows { sum += score(rows, by: flow) }
        return sum / Float(flows.count)
    }

    private func score(_ rows: [Float], by flow: Flow) -> Float {
        let copies = rows.count / dimension
        let (z, logDeterminant) = GradientMode.withoutGradients {
            flow.forward(Variable(Tensor(shape: [copies, dimension], data: rows)))
        }
        switch score {
        case .latent:
            // −log N(z; 0, I) per dimension: ½ mean z² + ½ log 2π.
            let squares = z.value.data.reduce(Float(0)) { $0 + $1 * $1 }
            return 0.5 * squares / Float(z.count) + 0.5 * Foundation.log(2 * Float.pi)
        case .nll:
            let perCopy = Flow.logLikelihoodPerDimension(z: z.value, logDeterminant: logDeterminant.value).data
            return -perCopy.reduce(0, +) / Float(copies)
        }
    }

    /// The flows' tensors under their own names, for the model file.
    var state: DetectorState {
        var state = DetectorState()
        state.store(flows)
        return state
    }

    init(flows: [Flow], dimension: Int, score: DifferNetParameters.Score) {
        self.flows = flows
        self.dimension = dimension
        self.score = score
    }

    /// Loads a model file's tensors into `flows` (built with the configured shape),
    /// refusing missing, misshapen or non-finite tensors by name.
    init(state: DetectorState, flows: [Flow], dimension: Int, score: DifferNetParameters.Score) throws {
        try state.load(into: flows)
        self.init(flows: flows, dimension: dimension, score: score)
    }
}
