import Foundation
import SpeckLearning
import SpeckTensor

/// One feature level of CFLOW-AD: a conditional flow over that level's patch
/// vectors, conditioned on where the patch lies, and the reference
/// log-likelihood (the highest seen on the training patches) that turns a
/// test patch's likelihood into a probability in (0, 1].
final class CFLOWLevel: @unchecked Sendable {
    let index: Int
    let channels: Int
    let flow: Flow
    let conditionWidth: Int
    /// Set after training; read-only while scoring.
    var referenceLogLikelihood: Float = 0
    private let lock = NSLock()
    private var encodingCache: PositionalEncoding?
    private var conditionCache: (height: Int, width: Int, condition: FlowCondition)?

    init(index: Int, channels: Int, parameters: CFLOWParameters) {
        self.index = index
        self.channels = channels
        self.conditionWidth = parameters.conditionWidth
        let ratio = parameters.hiddenRatio, condition = parameters.conditionWidth
        flow = Flow.glow("level\(index)", channels: channels, blocks: parameters.blocks, clamp: parameters.clamp,
                         seed: parameters.seed &+ UInt64(index)) { name, inputs, outputs, _, rng in
            DenseSubnet(name, inputs: inputs, conditionWidth: condition,
                        hiddenWidth: max(1, Int((Float(inputs + condition) * ratio).rounded())), outputs: outputs, rng: &rng)
        }
    }

    /// The positional condition for a grid, computed once (sines cost as much as a level's flow).
    func encoding(height: Int, width: Int) -> PositionalEncoding {
        lock.withLock {
            if let cached = encodingCache, cached.height == height, cached.gridWidth == width { return cached }
            let encoding = PositionalEncoding(width: conditionWidth, height: height, gridWidth: width)
            encodingCache = encoding
            return encoding
        }
    }

    /// Name of the array whose shape gives a saved level's channel count.
    static func channelArrayName(level: Int) -> String { "level\(level).0.actnorm.bias" }

    /// Per-dimension log-likelihood of one image's patch vectors at this
    /// level, rows in grid order. The condition's share of every subnet is
    /// computed once per grid, so call this only once the flow is trained.
    func logLikelihoods(ofImage patches: PatchMatrix, height: Int, width: Int) -> [Float] {
        let condition = preparedCondition(height: height, width: width)
        return GradientMode.withoutGradients {
            let (z, logDet) = flow.forward(Variable(Tensor(shape: [patches.rows, patches.dim], data: patches.values)),
                                           prepared: condition)
            return Flow.logLikelihoodPerDimension(z: z.value, logDeterminant: logDet.value).data
        }
    }

    private func preparedCondition(height: Int, width: Int) -> FlowCondition {
        let encoding = encoding(height: height, width: width)
        return lock.withLock {
            if let cached = conditionCache, cached.height == height, cached.width == width { return cached.condition }
            let condition = flow.prepare(condition: Tensor(shape: [encoding.positions, conditionWidth], data: encoding.rows.values))
            conditionCache = (height, width, condition)
            return condition
        }
    }

    /// The paper's anomaly per patch: 1 − exp(log p − reference), near 0 for
    /// the likeliest normal patches and up to 1 for unlikely ones.
    func anomalies(fromLogLikelihoods values: [Float]) -> [Float] {
        values.map { 1 - Foundation.exp($0 - referenceLogLikelihood) }
    }
}
