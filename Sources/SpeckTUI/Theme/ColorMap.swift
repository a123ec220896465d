/// A colour map for anomaly heat: evenly spaced stops, linearly interpolated.
public struct ColorMap: Sendable, Equatable {
    public let name: String
    public let stops: [RGB]

    public init(name: String, stops: [RGB]) {
        precondition(stops.count >= 2, "a colour map needs at least two stops")
        self.name = name
        self.stops = stops
    }

    /// The colour for `value` in [0, 1] (clamped).
    public func colour(at value: Float) -> RGB {
        let v = value.isFinite ? max(0, min(1, value)) : 0
        let position = v * Float(stops.count - 1)
        let index = min(stops.count - 2, Int(position))
        return stops[index].mixed(with: stops[index + 1], amount: position - Float(index))
    }

    /// Built-in maps, sampled from matplotlib's (viridis, cividis, inferno,
    /// magma are perceptually uniform; viridis and cividis are colour-blind safe).
    public static func named(_ name: String) -> ColorMap? {
        guard let hexes = builtIn[name.lowercased()] else { return nil }
        return ColorMap(name: name.lowercased(), stops: hexes.compactMap { RGB(hex: $0) })
    }

    public static var builtInNames: [String] { builtIn.keys.sorted() }

    static let builtIn: [String: [String]] = [
        "viridis": ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"],
        "cividis": ["#00224e", "#123570", "#3b496c", "#575d6d", "#707173", "#8a8779", "#a69d75", "#c4b56c", "#e4cf5b", "#fee838"],
        "inferno": ["#000004", "#1b0c41", "#4a0c6b", "#781c6d", "#a52c60", "#cf4446", "#ed6925", "#fb9b06", "#f7d13d", "#fcffa4"],
        "magma": ["#000004", "#180f3d", "#440f76", "#721f81", "#9e2f7f", "#cd4071", "#f1605d", "#fd9668", "#feca8d", "#fcfdbf"],
        "grey": ["#000000", "#ffffff"],
    ]
}
