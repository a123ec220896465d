import Foundation
import SpeckLearning
import SpeckTensor

/// Deep SVDD's objectives (Ruff et al., ICML 2018, eqs. 3 and 4) on squared
/// distances d = ‖φ(x) − c‖² to the centre.
public enum SVDDObjective: Sendable, Equatable {
    /// Mean of d: pull every normal sample towards c.
    case oneClass
    /// R² + (1/ν)·mean(max(0, d − R²)): a sphere of radius R that may leave a
    /// fraction ν of the training data outside.
    case softBoundary(nu: Float)

    /// The loss of one batch of squared distances [n, 1] with the current radius² fixed.
    func loss(_ distances: Variable, radiusSquared: Float) -> Variable {
        switch self {
        case .oneClass:
            return distances.mean()
        case .softBoundary(let nu):
            return (distances + -radiusSquared).relu().mean() * (1 / nu) + radiusSquared
        }
    }

    /// The soft-boundary radius² after an epoch: the (1 − ν) quantile of the
    /// distances √d seen, squared (the paper's "get_radius"); nil for one-class.
    func radiusSquared(from distances: [Float]) -> Float? {
        guard case .softBoundary(let nu) = self, !distances.isEmpty else { return nil }
        let sorted = distances.map { $0.squareRoot() }.sorted()
        let position = Double(1 - nu) * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        let fraction = Float(position - Double(lower))
        let radius = sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
        return radius * radius
    }

    /// The paper's anomaly score: d for one-class, d − R² (positive outside the sphere) for soft-boundary.
    func score(distance: Float, radiusSquared: Float) -> Float {
        switch self {
        case .oneClass: return distance
        case .softBoundary: return distance - radiusSquared
        }
    }

    /// The centre from the initial forward pass: the mean output, with
    /// coordinates closer to 0 than ε pushed out to ±ε, because a zero
    /// coordinate can be matched trivially by zero weights (Ruff et al., sec. 3.3).
    static func centre(meanOutput: [Double], epsilon: Float = 0.1) -> [Float] {
        meanOutput.map { value in
            let c = Float(value)
            guard abs(c) < epsilon else { return c }
            return c < 0 ? -epsilon : epsilon
        }
    }
}
