import Foundation
import SpeckTensor

/// Seeded weight initialisation (He et al. 2015; Glorot & Bengio 2010).
/// `fanIn`/`fanOut` count the inputs/outputs of one unit (for a convolution,
/// channels × kernel area).
public enum Initialiser: Sendable {
    /// Kaiming uniform with gain √2 / √(1 + slope²) (slope 0 for ReLU).
    case kaimingUniform(slope: Float = 0)
    /// Kaiming normal, same gain.
    case kaimingNormal(slope: Float = 0)
    /// Xavier/Glorot uniform.
    case xavierUniform
    /// Xavier/Glorot normal.
    case xavierNormal
    /// Normal with a fixed standard deviation (DCGAN uses 0.02).
    case normal(mean: Float, std: Float)
    case constant(Float)

    public func tensor(_ shape: [Int], fanIn: Int, fanOut: Int, using rng: inout SeededGenerator) -> Tensor {
        let count = shape.reduce(1, *)
        var values = [Float](repeating: 0, count: count)
        switch self {
        case .kaimingUniform(let slope):
            let bound = Self.kaimingStd(slope: slope, fanIn: fanIn) * Float(3).squareRoot()
            for i in 0..<count { values[i] = Float.random(in: -bound...bound, using: &rng) }
        case .kaimingNormal(let slope):
            let std = Self.kaimingStd(slope: slope, fanIn: fanIn)
            for i in 0..<count { values[i] = std * rng.nextGaussian() }
        case .xavierUniform:
            let bound = (6 / Float(fanIn + fanOut)).squareRoot()
            for i in 0..<count { values[i] = Float.random(in: -bound...bound, using: &rng) }
        case .xavierNormal:
            let std = (2 / Float(fanIn + fanOut)).squareRoot()
            for i in 0..<count { values[i] = std * rng.nextGaussian() }
        case .normal(let mean, let std):
            for i in 0..<count { values[i] = mean + std * rng.nextGaussian() }
        case .constant(let c):
            for i in 0..<count { values[i] = c }
        }
        return Tensor(shape: shape, data: values)
    }

    private static func kaimingStd(slope: Float, fanIn: Int) -> Float {
        (2 / ((1 + slope * slope) * Float(max(fanIn, 1)))).squareRoot()
    }
}

extension SeededGenerator {
    /// A standard normal sample (Box–Muller).
    public mutating func nextGaussian() -> Float {
        let u1 = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return Float((-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }
}
