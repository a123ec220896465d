import Foundation
import SpeckLearning
import SpeckTensor

/// FastFlow's learned part: one 2D flow per feature level, mapping a whole
/// [C, H, W] feature map to z of the same shape. Each flow is Glow's stack
/// of ActNorm (its data initialisation standardises the channels, standing in
/// for anomalib's LayerNorm), affine couplings whose subnets alternate 3x3 and
/// 1x1 convolutions (FastFlow sec. 3.3), and channel permutations.
final class FastFlowModel: @unchecked Sendable {
    // Parameters are only read after fitting: scoring from several threads is safe.
    let flows: [Flow]
    let channels: [Int]

    /// Member `head` of an ensemble (`heads=N`): its own seed and tensor names ("head2.level0…"); 0 is the lone model.
    init(channels: [Int], parameters: FastFlowParameters, head: Int = 0) {
        self.channels = channels
        let seed = EnsembleMembers.seed(base: parameters.seed, member: head)
        flows = channels.enumerated().map { level, width in
            Flow.glow(Self.name(level, head: head), channels: width, blocks: parameters.blocks, clamp: parameters.clamp,
                      seed: seed &+ UInt64(level) &* 0x9E37_79B9_7F4A_7C15) { name, inputs, outputs, block, rng in
                ConvSubnet(name, inputs: inputs, hiddenWidth: max(1, Int((Float(inputs) * parameters.hiddenRatio).rounded())),
                           outputs: outputs, kernel: block % 2 == 0 ? 3 : 1, rng: &rng)
            }
        }
    }

    /// Tensor names start with the level: "level0.3.coupling.conv1.weight".
    static func name(_ level: Int, head: Int = 0) -> String { EnsembleMembers.prefix(head) + "level\(level)" }

    /// Per-position anomaly of one level's feature maps [N, C, H, W]: [N, 1, H, W], higher = more anomalous.
    func anomaly(level: Int, of features: Tensor, kind: FastFlowParameters.MapKind) -> Tensor {
        let (z, logDeterminant) = GradientMode.withoutGradients { flows[level].forward(Variable(features)) }
        // log p per dimension, without the log-determinant for anomalib's form.
        let logLikelihood = Flow.logLikelihoodPerDimension(
            z: z.value, logDeterminant: kind == .probability ? Tensor(zeros: logDeterminant.shape) : logDeterminant.value)
        let constant = 0.5 * log(2 * Float.pi)
        let values: [Float]
        switch kind {
        case .likelihood: values = logLikelihood.data.map { -$0 }
        case .density, .probability: values = logLikelihood.data.map { -exp($0 + constant) }
        }
        return Tensor(shape: logLikelihood.shape, data: values)
    }

    /// Rebuilds the flows for `levels` taps from a model file: each level's
    /// width comes from its first ActNorm; every tensor is then checked by
    /// name (missing, misshapen or non-finite ones are refused).
    convenience init(state: DetectorState, levels: Int, parameters: FastFlowParameters, head: Int = 0) throws {
        let channels = try (0..<levels).map { level -> Int in
            let name = Self.name(level, head: head) + ".0.actnorm.bias"
            let bias = try state.array(name)
            guard bias.shape.count == 1, bias.shape[0] >= 2 else {
                throw DetectorError.incompatibleModel("'\(name)' has shape \(bias.shape), expected [C] with C ≥ 2")
            }
            return bias.shape[0]
        }
        self.init(channels: channels, parameters: parameters, head: head)
        try state.load(into: flows)
    }
}
