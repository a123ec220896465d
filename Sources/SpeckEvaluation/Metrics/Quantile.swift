/// The q-quantile (0...1) with linear interpolation between order statistics,
/// as numpy's default, for thresholds from normal scores.
public func quantile(_ values: [Float], _ q: Double) throws -> Float {
    guard !values.isEmpty else { throw EvaluationError.mismatchedInput("a quantile of no values") }
    guard (0 ... 1).contains(q) else { throw EvaluationError.mismatchedInput("quantile \(q) is outside 0...1") }
    let sorted = values.sorted()
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let fraction = Float(position - Double(lower))
    return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
}
