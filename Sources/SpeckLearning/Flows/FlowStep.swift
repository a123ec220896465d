import SpeckTensor

/// One invertible step of a normalizing flow. Channels are axis 1: rows
/// [N, D] (a patch or image vector) or maps [N, C, H, W].
///
/// The log-determinant comes per location: shaped like the input with the
/// channel axis reduced to 1 ([N, 1] or [N, 1, H, W]). Every step here keeps
/// locations apart in its Jacobian's diagonal blocks, so the per-location sums
/// add up to the whole Jacobian's log|det|, and a detector can read the
/// likelihood of each patch as well as of each image.
public protocol FlowStep: Module {
    func forward(_ x: Variable, condition: FlowCondition?) -> (output: Variable, logDeterminant: Variable)
    func inverse(_ y: Variable, condition: FlowCondition?) -> Variable
}

extension Variable {
    /// This shape with the channel axis (1) reduced to 1: where per-location log-determinants live.
    var locationShape: [Int] {
        var s = shape
        s[1] = 1
        return s
    }
}

/// What a conditional flow is conditioned on: a [N, K] variable and,
/// optionally, each dense subnet's share of its first layer for it. That
/// share, W_c·c + b, depends on the condition alone, so for inference on a
/// fixed grid of positions `Flow.prepare(condition:)` computes it once
/// instead of once per image (CFLOW-AD: most of the first layer's work).
public struct FlowCondition {
    public let value: Variable
    let shares: [ObjectIdentifier: Variable]

    public init(_ value: Variable) {
        self.value = value
        shares = [:]
    }

    init(_ value: Variable, shares: [ObjectIdentifier: Variable]) {
        self.value = value
        self.shares = shares
    }
}
