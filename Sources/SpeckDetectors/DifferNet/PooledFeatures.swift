import SpeckBackbones
import SpeckImaging
import SpeckTensor

/// DifferNet's image vector: the backbone's taps of one (turned) image, each
/// averaged over its positions, concatenated. Several stages stand in for the
/// paper's image at several scales: they see the image at several resolutions.
struct PooledFeatures: Sendable {
    let backbone: any Backbone
    let taps: [String]
    let preprocessing: Preprocessing
    /// Length of one vector: the taps' channels summed.
    let dimension: Int

    init(backbone: any Backbone, taps: [String], preprocessing: Preprocessing) throws {
        self.backbone = backbone
        self.taps = taps
        self.preprocessing = preprocessing
        dimension = try taps.reduce(0) { $0 + (try backbone.tapShape($1).channels) }
    }

    /// One vector per quarter turn of an image already preprocessed, in order: [turns · dimension].
    func rows(of prepared: Image, quarterTurns: [Int]) throws -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(quarterTurns.count * dimension)
        for turns in quarterTurns { out += try vector(of: prepared.rotated(quarterTurns: turns)) }
        return out
    }

    /// The pooled taps of an image that is already preprocessed.
    func vector(of prepared: Image) throws -> [Float] {
        let maps = try backbone.features(of: prepared, taps: taps)
        var out: [Float] = []
        out.reserveCapacity(dimension)
        for tap in taps {
            guard let map = maps[tap] else {
                throw DetectorError.invalidParameter("backbone returned no output for tap '\(tap)'")
            }
            let channels = map.shape[0], positions = map.count / channels
            for c in 0..<channels {
                var sum: Float = 0
                for i in 0..<positions { sum += map.data[c * positions + i] }
                out.append(sum / Float(positions))
            }
        }
        return out
    }
}
