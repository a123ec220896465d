import Foundation
import SpeckLearning
import SpeckTensor

/// A fitted DifferNet: the flow over image vectors. An image's score is the
/// mean over its turned copies of their negative log-density per dimension.
struct DifferNetModel: @unchecked Sendable {
    let flow: Flow
    let dimension: Int
    let score: DifferNetParameters.Score

    /// The paper's flow: `blocks` couplings with fully connected subnets, soft clamp.
    static func makeFlow(dimension: Int, parameters: DifferNetParameters) -> Flow {
        Flow.glow("flow", channels: dimension, blocks: parameters.blocks, clamp: parameters.clamp, seed: parameters.seed) {
            name, inputs, outputs, _, rng in
            DenseSubnet(name, inputs: inputs, hiddenWidth: parameters.hidden, outputs: outputs, rng: &rng)
        }
    }

    /// The score of one image from its copies' vectors, [copies · dimension].
    func score(_ rows: [Float]) -> Float {
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

    /// The flow's tensors under their own names, for the model file.
    var state: DetectorState {
        var state = DetectorState()
        state.store([flow])
        return state
    }

    init(flow: Flow, dimension: Int, score: DifferNetParameters.Score) {
        self.flow = flow
        self.dimension = dimension
        self.score = score
    }

    /// Loads a model file's tensors into `flow` (built with the configured shape),
    /// refusing missing, misshapen or non-finite tensors by name.
    init(state: DetectorState, flow: Flow, dimension: Int, score: DifferNetParameters.Score) throws {
        try state.load(into: [flow])
        self.init(flow: flow, dimension: dimension, score: score)
    }
}
