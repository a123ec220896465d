/// One figure over several seeds: the mean and the spread (max − min), so a
/// result that hangs on luck shows. Nil figures (no masks, no map) are left out;
/// with none at all the figure is nil.
public struct MetricSpread: Sendable, Codable, Equatable {
    public var mean: Double
    public var min: Double
    public var max: Double
    /// Figures that went in.
    public var count: Int

    public var spread: Double { max - min }

    public init?(_ values: [Double?]) {
        let known = values.compactMap { $0 }
        guard let low = known.min(), let high = known.max() else { return nil }
        mean = known.reduce(0, +) / Double(known.count)
        min = low
        max = high
        count = known.count
    }

    enum CodingKeys: String, CodingKey { case mean, min, max, count }
}
