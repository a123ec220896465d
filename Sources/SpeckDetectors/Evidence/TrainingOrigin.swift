/// The files a detector was fitted on, kept in the model file so that a
/// stored patch's sample index leads back to a path (and, when tiled, a tile).
public struct TrainingOrigin: Sendable, Equatable {
    public var paths: [String]
    /// Samples per file: the tile count when tiled, else 1.
    public var samplesPerPath: Int

    static let pathsKey = "training_images"
    static let samplesKey = "training_samples_per_image"

    public init(paths: [String], samplesPerPath: Int = 1) {
        self.paths = paths
        self.samplesPerPath = max(1, samplesPerPath)
    }

    /// nil when the images were handed over in memory, without paths.
    init?(_ images: TrainingImages) {
        guard let paths = images.paths else { return nil }
        self.init(paths: paths, samplesPerPath: images.samplesPerPath)
    }

    init?(state: DetectorState) {
        guard let paths = state.texts[Self.pathsKey] else { return nil }
        self.init(paths: paths, samplesPerPath: Int(state.scalars[Self.samplesKey] ?? 1))
    }

    func write(into state: inout DetectorState) {
        state.texts[Self.pathsKey] = paths
        state.scalars[Self.samplesKey] = Double(samplesPerPath)
    }

    /// The file a sample came from and the sample's tile within it (0 untiled).
    public func file(ofSample sample: Int) -> (index: Int, path: String, tile: Int)? {
        let (index, tile) = sample.quotientAndRemainder(dividingBy: samplesPerPath)
        guard paths.indices.contains(index) else { return nil }
        return (index, paths[index], tile)
    }
}
