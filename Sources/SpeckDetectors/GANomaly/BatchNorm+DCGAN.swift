import SpeckLearning
import SpeckTensor

extension BatchNorm {
    /// DCGAN's initialisation (Radford et al. 2016, as GANomaly's code does):
    /// scale from N(1, 0.02), shift 0, fresh running statistics.
    static func dcgan(_ name: String, channels: Int, rng: inout SeededGenerator) -> BatchNorm {
        let norm = BatchNorm(name, channels: channels)
        norm.reinitialise(rng: &rng)
        return norm
    }

    func reinitialise(rng: inout SeededGenerator) {
        let channels = scale.value.count
        scale.value = Initialiser.normal(mean: 1, std: 0.02).tensor([channels], fanIn: 1, fanOut: 1, using: &rng)
        shift.value = Tensor(zeros: [channels])
        runningMean.value = Tensor(zeros: [channels])
        runningVariance.value = Tensor.filled(1, [channels])
    }
}
