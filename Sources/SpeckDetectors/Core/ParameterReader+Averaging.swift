import SpeckLearning

extension ParameterReader {
    /// `average=F`: the share of the last training steps whose weights are averaged
    /// into the model (`TailAverage`; 0 keeps the last step's weights).
    public func averageTail(default fallback: Float = TrainedWeights.defaultAverageTail) throws -> Float {
        Float(try double("average", default: Double(fallback), in: 0...1))
    }
}

/// What the trained detectors (Deep SVDD, GANomaly, the flows) share about the weights they keep.
public enum TrainedWeights {
    public static let defaultAverageTail: Float = 0

    /// A model file written before `average` existed kept its last weights: it records 0.
    public static func upgrading(_ parameters: [String: String]) -> [String: String] {
        ParameterUpgrade.filling("average", with: "0", in: parameters)
    }
}
